import type { AddressCodeOption } from '@shizhi/domain';
import type { BBox } from './treemap.ts';

/** What the demo needs to know about a county beyond its division codes. */
export interface CountyProfile {
  /** Where the synthetic polygons go: roughly the county's real extent, [west, south, east, north]. */
  bbox: BBox;
  /** 长途区号 for office landlines. */
  areaCode: string;
  /** Street names for synthetic addresses. */
  roads: readonly string[];
  /**
   * GB/T 2260 codes some residents' ID numbers carry instead of the county's own: neighbouring
   * counties, and codes the county had before a re-division (ID numbers keep the code of issue).
   */
  nearbyAddressCodes: readonly AddressCodeOption[];
}

export const countyProfiles: Readonly<Record<string, CountyProfile>> = {
  '150602': {
    bbox: [109.85, 39.7, 110.15, 39.95],
    areaCode: '0477',
    // 东胜's streets are largely named after Ordos banners (达拉特, 准格尔, 杭锦 …).
    roads: [
      '鄂尔多斯西街', '鄂尔多斯东街', '伊金霍洛西街', '伊金霍洛东街', '达拉特南路', '达拉特北路', '天骄南路', '天骄北路',
      '吉劳庆南路', '吉劳庆北路', '准格尔南路', '准格尔北路', '宝日陶亥西街', '宝日陶亥东街', '林荫路', '杭锦南路',
      '杭锦北路', '伊煤南路', '伊煤北路', '乌审西街', '乌审东街', '鄂托克西街', '鄂托克东街', '民族西街', '罕台大街',
    ],
    // Until 伊克昭盟 became 鄂尔多斯市 (approved 2001-02-26) 东胜 was 东胜市 152701 and the banners
    // around it 1527xx; people registered then still carry those codes.
    nearbyAddressCodes: [
      ...['152701', '152722', '152723', '152725', '152727', '152728'].map((code) => ({ code, bornBefore: '2001-02-26' })),
      ...['150621', '150622', '150624', '150626', '150627'].map((code) => ({ code, bornFrom: '2001-02-26' })),
    ],
  },
};

/**
 * 综治中心 member departments (成员单位) that receive and handle dispatched events; the codes
 * `<county>D01`… follow this order.
 */
export function memberDepartmentNames(countyName: string): string[] {
  return [
    `${countyName}公安分局`,
    `${countyName}司法局`,
    `${countyName}住房和城乡建设局`,
    `${countyName}应急管理局`,
    `${countyName}市场监督管理局`,
    `${countyName}城市管理综合执法局`,
    `${countyName}卫生健康委员会`,
    `${countyName}教育体育局`,
    `${countyName}民政局`,
    `${countyName}人力资源和社会保障局`,
    `${countyName}信访局`,
    `${countyName}自然资源分局`,
    `${countyName}生态环境分局`,
    `${countyName}交通运输局`,
    `${countyName}水利局`,
    `${countyName}消防救援大队`,
    `${countyName}农牧局`,
    `${countyName}退役军人事务局`,
    `${countyName}妇女联合会`,
    `共青团${countyName}委员会`,
    `${countyName}残疾人联合会`,
    `${countyName}人民法院`,
    `${countyName}住房保障服务中心`,
    `${countyName}供电公司`,
  ];
}
