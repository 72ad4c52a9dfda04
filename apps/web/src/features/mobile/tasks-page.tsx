import { Button, Empty } from 'antd';
import { Link } from 'react-router';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useT } from '../../i18n/index.ts';
import { useEventList } from '../../lib/events-api.ts';

/** 我的待办 on the phone: what waits for this worker, most urgent first, one big card each. */
export function MobileTasksPage() {
  const t = useT();
  const todo = useEventList({ view: 'todo', page: 1, pageSize: 50 }, { refetchInterval: 60_000 });
  return (
    <H5Page
      title={t('m.tasks')}
      backTo="/m"
      testId="m-tasks-page"
      actions={
        <Button
          type="text"
          aria-label={t('events.refresh')}
          icon={<Icon name="reload" />}
          loading={todo.isFetching}
          onClick={() => void todo.refetch()}
        />
      }
    >
      {todo.isPending ? (
        <H5Card>
          <LoadingBlock minHeight={200} />
        </H5Card>
      ) : todo.isError ? (
        <ErrorBlock error={todo.error} onRetry={() => void todo.refetch()} />
      ) : todo.data.items.length === 0 ? (
        <H5Card>
          <Empty description={t('events.emptyTodo')} />
        </H5Card>
      ) : (
        <div data-testid="m-tasks" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
          {todo.data.items.map((ev) => (
            <Link
              key={ev.id}
              to={`/m/tasks/${ev.id}`}
              className={ev.warning === 'none' ? 'm-task' : `m-task is-${ev.warning}`}
              data-testid={`m-task-${ev.number}`}
            >
              <div className="m-task-top">
                <EventStateTag state={ev.state} />
                <span className="h5-muted">{ev.categoryName}</span>
                <span className="m-number">{ev.number}</span>
              </div>
              <div className="m-task-title">{ev.title}</div>
              <div className="m-task-meta">
                <span>{ev.address ?? ev.ownerOrgName}</span>
                <DeadlineText dueAt={ev.dueAt} warning={ev.warning} compact />
              </div>
            </Link>
          ))}
        </div>
      )}
    </H5Page>
  );
}
