import { Tag } from 'antd';
import { disputeStateLabels, riskGradeLabels, type DisputeState, type RiskGrade } from '@shizhi/domain';
import { useLabel } from '../i18n/index.ts';

const stateColors: Record<DisputeState, string> = {
  registered: 'gold',
  refused: 'default',
  accepted: 'orange',
  assigned: 'blue',
  mediating: 'processing',
  settled: 'green',
  failed: 'volcano',
  closed: 'default',
};

/** A dispute case's state, coloured by how much it still needs someone. */
export function DisputeStateTag({ state }: { state: DisputeState }) {
  const label = useLabel();
  return (
    <Tag color={stateColors[state]} style={{ marginInlineEnd: 0 }} data-testid="dispute-state-tag" data-state={state}>
      {label(disputeStateLabels[state])}
    </Tag>
  );
}

const riskColors: Record<RiskGrade, string> = { low: 'default', medium: 'gold', high: 'red' };

export function RiskTag({ grade }: { grade: RiskGrade }) {
  const label = useLabel();
  return (
    <Tag color={riskColors[grade]} variant={grade === 'high' ? 'solid' : 'filled'} style={{ marginInlineEnd: 0 }} data-testid="risk-tag" data-grade={grade}>
      {label(riskGradeLabels[grade])}
    </Tag>
  );
}
