import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { countyCode, orgPath } from '../../platform/db/columns.ts';

/** A stored file, named by the SHA-256 of its bytes: the same photo uploaded twice is stored once. */
export const fileObject = pgTable('file_object', {
  sha256: text('sha256').primaryKey(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  uploadedBy: uuid('uploaded_by'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** Photos and attachments of an event, each tied to the step that added it. */
export const eventAttachment = pgTable(
  'event_attachment',
  {
    eventId: uuid('event_id').notNull(),
    sha256: text('sha256').notNull(),
    step: text('step').notNull(),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true, precision: 3 }).notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.sha256] }), index('event_attachment_sha_idx').on(t.sha256)],
);
