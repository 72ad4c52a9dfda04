import type { HolidayTable } from './calendar.ts';

/** The holiday blocks the State Council (国务院办公厅) names in its yearly notice. */
export type HolidayNameCn =
  | '元旦'
  | '春节'
  | '清明节'
  | '劳动节'
  | '端午节'
  | '中秋节'
  | '国庆节'
  | '国庆节、中秋节';

/**
 * The official mainland holiday calendar, copied from the State Council's yearly notice (放假调休安排).
 * `holiday` = a day off inside a holiday block, weekends inside the block included because the notice
 * states blocks as ranges; `workday` = a Saturday or Sunday worked to make the block (调休上班). Each
 * workday carries the name of the block it pays for. Every block and workday was checked against the
 * notice text as reprinted by Xinhua (新华社) and 维基文库; the weekday the notice prints beside each date
 * matches too.
 *
 * The notice for a year comes out in October or November of the year before: add the new year here
 * (or in the database copy the API loads) before the calendar runs past `coverage().to`.
 */
export const holidaysCn: HolidayTable<HolidayNameCn> = {
  2024: [
    // 国办发明电〔2023〕7号《国务院办公厅关于2024年部分节假日安排的通知》, 2023-10-25.
    // 除夕 (02-09) is not a day off that year; the notice only encourages employers to grant it.
    { date: '2024-01-01', kind: 'holiday', name: '元旦' },
    { date: '2024-02-04', kind: 'workday', name: '春节' },
    { date: '2024-02-10', kind: 'holiday', name: '春节' },
    { date: '2024-02-11', kind: 'holiday', name: '春节' },
    { date: '2024-02-12', kind: 'holiday', name: '春节' },
    { date: '2024-02-13', kind: 'holiday', name: '春节' },
    { date: '2024-02-14', kind: 'holiday', name: '春节' },
    { date: '2024-02-15', kind: 'holiday', name: '春节' },
    { date: '2024-02-16', kind: 'holiday', name: '春节' },
    { date: '2024-02-17', kind: 'holiday', name: '春节' },
    { date: '2024-02-18', kind: 'workday', name: '春节' },
    { date: '2024-04-04', kind: 'holiday', name: '清明节' },
    { date: '2024-04-05', kind: 'holiday', name: '清明节' },
    { date: '2024-04-06', kind: 'holiday', name: '清明节' },
    { date: '2024-04-07', kind: 'workday', name: '清明节' },
    { date: '2024-04-28', kind: 'workday', name: '劳动节' },
    { date: '2024-05-01', kind: 'holiday', name: '劳动节' },
    { date: '2024-05-02', kind: 'holiday', name: '劳动节' },
    { date: '2024-05-03', kind: 'holiday', name: '劳动节' },
    { date: '2024-05-04', kind: 'holiday', name: '劳动节' },
    { date: '2024-05-05', kind: 'holiday', name: '劳动节' },
    { date: '2024-05-11', kind: 'workday', name: '劳动节' },
    { date: '2024-06-10', kind: 'holiday', name: '端午节' },
    { date: '2024-09-14', kind: 'workday', name: '中秋节' },
    { date: '2024-09-15', kind: 'holiday', name: '中秋节' },
    { date: '2024-09-16', kind: 'holiday', name: '中秋节' },
    { date: '2024-09-17', kind: 'holiday', name: '中秋节' },
    { date: '2024-09-29', kind: 'workday', name: '国庆节' },
    { date: '2024-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-02', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-03', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-04', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-05', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-06', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-07', kind: 'holiday', name: '国庆节' },
    { date: '2024-10-12', kind: 'workday', name: '国庆节' },
  ],
  2025: [
    // 国办发明电〔2024〕12号《国务院办公厅关于2025年部分节假日安排的通知》, 2024-11-12,
    // the first under the November 2024 revision of 《全国年节及纪念日放假办法》, which made
    // 除夕 and 5-02 holidays.
    // 中秋 (10-06) falls inside 国庆, so the notice gives one merged 8-day block.
    { date: '2025-01-01', kind: 'holiday', name: '元旦' },
    { date: '2025-01-26', kind: 'workday', name: '春节' },
    { date: '2025-01-28', kind: 'holiday', name: '春节' },
    { date: '2025-01-29', kind: 'holiday', name: '春节' },
    { date: '2025-01-30', kind: 'holiday', name: '春节' },
    { date: '2025-01-31', kind: 'holiday', name: '春节' },
    { date: '2025-02-01', kind: 'holiday', name: '春节' },
    { date: '2025-02-02', kind: 'holiday', name: '春节' },
    { date: '2025-02-03', kind: 'holiday', name: '春节' },
    { date: '2025-02-04', kind: 'holiday', name: '春节' },
    { date: '2025-02-08', kind: 'workday', name: '春节' },
    { date: '2025-04-04', kind: 'holiday', name: '清明节' },
    { date: '2025-04-05', kind: 'holiday', name: '清明节' },
    { date: '2025-04-06', kind: 'holiday', name: '清明节' },
    { date: '2025-04-27', kind: 'workday', name: '劳动节' },
    { date: '2025-05-01', kind: 'holiday', name: '劳动节' },
    { date: '2025-05-02', kind: 'holiday', name: '劳动节' },
    { date: '2025-05-03', kind: 'holiday', name: '劳动节' },
    { date: '2025-05-04', kind: 'holiday', name: '劳动节' },
    { date: '2025-05-05', kind: 'holiday', name: '劳动节' },
    { date: '2025-05-31', kind: 'holiday', name: '端午节' },
    { date: '2025-06-01', kind: 'holiday', name: '端午节' },
    { date: '2025-06-02', kind: 'holiday', name: '端午节' },
    { date: '2025-09-28', kind: 'workday', name: '国庆节、中秋节' },
    { date: '2025-10-01', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-02', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-03', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-04', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-05', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-06', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-07', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-08', kind: 'holiday', name: '国庆节、中秋节' },
    { date: '2025-10-11', kind: 'workday', name: '国庆节、中秋节' },
  ],
  2026: [
    // 《国务院办公厅关于2026年部分节假日安排的通知》, 2025-11-04 (Xinhua reprint). The number,
    // 国办发明电〔2025〕7号, is as third parties cite it: the reprints checked do not print it.
    { date: '2026-01-01', kind: 'holiday', name: '元旦' },
    { date: '2026-01-02', kind: 'holiday', name: '元旦' },
    { date: '2026-01-03', kind: 'holiday', name: '元旦' },
    { date: '2026-01-04', kind: 'workday', name: '元旦' },
    { date: '2026-02-14', kind: 'workday', name: '春节' },
    { date: '2026-02-15', kind: 'holiday', name: '春节' },
    { date: '2026-02-16', kind: 'holiday', name: '春节' },
    { date: '2026-02-17', kind: 'holiday', name: '春节' },
    { date: '2026-02-18', kind: 'holiday', name: '春节' },
    { date: '2026-02-19', kind: 'holiday', name: '春节' },
    { date: '2026-02-20', kind: 'holiday', name: '春节' },
    { date: '2026-02-21', kind: 'holiday', name: '春节' },
    { date: '2026-02-22', kind: 'holiday', name: '春节' },
    { date: '2026-02-23', kind: 'holiday', name: '春节' },
    { date: '2026-02-28', kind: 'workday', name: '春节' },
    { date: '2026-04-04', kind: 'holiday', name: '清明节' },
    { date: '2026-04-05', kind: 'holiday', name: '清明节' },
    { date: '2026-04-06', kind: 'holiday', name: '清明节' },
    { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
    { date: '2026-05-02', kind: 'holiday', name: '劳动节' },
    { date: '2026-05-03', kind: 'holiday', name: '劳动节' },
    { date: '2026-05-04', kind: 'holiday', name: '劳动节' },
    { date: '2026-05-05', kind: 'holiday', name: '劳动节' },
    { date: '2026-05-09', kind: 'workday', name: '劳动节' },
    { date: '2026-06-19', kind: 'holiday', name: '端午节' },
    { date: '2026-06-20', kind: 'holiday', name: '端午节' },
    { date: '2026-06-21', kind: 'holiday', name: '端午节' },
    { date: '2026-09-25', kind: 'holiday', name: '中秋节' },
    { date: '2026-09-26', kind: 'holiday', name: '中秋节' },
    { date: '2026-09-27', kind: 'holiday', name: '中秋节' },
    { date: '2026-09-20', kind: 'workday', name: '国庆节' },
    { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-03', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-04', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-05', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-06', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-07', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-10', kind: 'workday', name: '国庆节' },
  ],
};
