import type { ColumnType, Generated } from 'kysely';
import type { NoticeState } from '../../domain/notice.js';
import type { GeneratedId, Json, NullableRef, NullableText, Ref } from './foundation.js';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Notices and their recipients (0054_notices.sql). */
export type NoticeTable = {
  id: GeneratedId;
  title: string;
  body: string;
  publisher_region_code: string;
  publisher_name: string;
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
  ask_receipt: Generated<boolean>;
  reply_form: ColumnType<unknown[], string | unknown[] | undefined, string | unknown[]>;
  target: Json<unknown>;
  state: ColumnType<NoticeState, NoticeState | undefined, NoticeState>;
  created_by: NullableRef;
  published_at: NullableTime;
  published_by: NullableRef;
  withdrawn_at: NullableTime;
  withdrawn_by: NullableRef;
  withdraw_reason: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type NoticeRecipientTable = {
  id: GeneratedId;
  notice_id: Ref;
  party_org_id: NullableRef;
  union_id: NullableRef;
  region_code: NullableText;
  read_at: NullableTime;
  read_by: NullableRef;
  reply: ColumnType<Record<string, string | number | null> | null, string | null | undefined, string | null>;
  replied_at: NullableTime;
  replied_by: NullableRef;
  version: Generated<number>;
  updated_at: Generated<Date>;
};

/** 0055: where a user's daily digest goes, and which days' digests were sent. */
export type DigestSentTable = { user_id: Ref; on_date: string; sent_at: Generated<Date> };

export type NoticeTables = {
  notice: NoticeTable;
  notice_recipient: NoticeRecipientTable;
  digest_sent: DigestSentTable;
  app_user: { email: NullableText };
};
