import { useState } from 'react';
import { categoryTree, type CategoryItem } from '../lib/event-categories.ts';
import './event-ui.css';

export interface CategoryPickerProps {
  items: readonly CategoryItem[];
  value?: string | undefined;
  onChange?: (code: string) => void;
  testId?: string;
}

/** Two rows of big chips for a thumb: the kind of matter, then the exact category (a leaf). */
export function CategoryPicker({ items, value, onChange, testId }: CategoryPickerProps) {
  const tree = categoryTree(items);
  const chosenParent = value ? items.find((i) => i.code === value)?.parentCode : undefined;
  const [open, setOpen] = useState<string | null>(null);
  const current = open ?? chosenParent ?? null;
  const leaves = tree.find((node) => node.value === current)?.children ?? [];
  return (
    <div data-testid={testId}>
      <div className="cat-picker-group" role="radiogroup">
        {tree.map((node) => (
          <button
            type="button"
            key={node.value}
            role="radio"
            aria-checked={node.value === current}
            className={node.value === current ? 'cat-chip is-active' : 'cat-chip'}
            data-testid={`category-${node.value}`}
            onClick={() => setOpen(node.value)}
          >
            {node.label}
          </button>
        ))}
      </div>
      {leaves.length > 0 ? (
        <div className="cat-picker-leaves" role="radiogroup">
          {leaves.map((leaf) => (
            <button
              type="button"
              key={leaf.value}
              role="radio"
              aria-checked={leaf.value === value}
              className={leaf.value === value ? 'cat-chip is-active' : 'cat-chip'}
              data-testid={`category-${leaf.value}`}
              onClick={() => onChange?.(leaf.value)}
            >
              {leaf.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
