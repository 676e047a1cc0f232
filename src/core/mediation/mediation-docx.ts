import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { DOCUMENT_KIND_LABEL, type DocumentKind } from '../../contracts/mediation.js';
import type { Db } from '../../db/schema.js';
import { chineseDate } from '../../domain/bulletin-issue.js';
import { AppError } from '../../domain/errors.js';
import { MEDIATION_CATEGORY_LABEL, fenToCapitals, fenToYuanText } from '../../domain/mediation.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { agreementReviewUntil, arbitrationLimitOn, mediationDaysOn } from '../../domain/rules/mediation.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { caseNumber } from './mediation.mapper.js';
import { readCase } from './mediation-case.service.js';
import { maskedId, maskedPhone } from './mediation-people.js';
import { listParties } from './mediation.repository.js';

/**
 * The three documents of a case as Word files (the offices print, sign and seal them): 受理通知书,
 * 调解协议书 (agreed cases), 终止调解通知书 (no agreement or withdrawn). Official wording with the
 * case's facts; amounts in 元 with 大写; ID and phone numbers masked, never in full. Each download is
 * audited. Readers of the case may download (a street seeing it through the employer included).
 */
const BODY = { font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 } as const;
const p = (text: string, o: { center?: boolean; right?: boolean; indent?: boolean; bold?: boolean; size?: number } = {}) => new Paragraph({
  alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
  indent: o.indent ? { firstLine: 640 } : undefined,
  spacing: { line: 560, lineRule: 'exact' as never },
  children: [new TextRun({ text, bold: o.bold, size: o.size ?? BODY.size, font: o.bold ? { eastAsia: '方正小标宋简体' } : BODY.font })],
});
const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const money = (fen: number) => `人民币${fenToYuanText(fen)}（大写：${fenToCapitals(fen)}）`;

export async function caseDocument(db: Db, keyring: Keyring, actor: Actor, id: string, kind: DocumentKind): Promise<{ fileName: string; buffer: Buffer }> {
  const c = await readCase(db, actor, id);
  if (kind === 'agreement' && c.status !== 'agreed') throw new AppError('CONFLICT', '该案件未达成调解协议，不能生成调解协议书', [{ field: 'kind', code: 'NOT_AGREED', message: '未达成协议' }]);
  if (kind === 'termination' && c.status !== 'failed' && c.status !== 'withdrawn') {
    throw new AppError('CONFLICT', '该案件未终止调解（未达成协议或撤回后才能生成终止调解通知书）', [{ field: 'kind', code: 'NOT_TERMINATED', message: '未终止调解' }]);
  }
  const parties = await listParties(db, id);
  const applicants = parties.filter((x) => x.role === 'applicant');
  const reps = parties.filter((x) => x.role === 'representative');
  const number = caseNumber(c.id, c.received_on);
  const who = applicants.length > 3 ? `${applicants.slice(0, 3).map((a) => a.name).join('、')}等${applicants.length}人` : applicants.map((a) => a.name).join('、');
  const you = applicants.length > 1 ? '你们' : '你';
  const self = c.body_kind === 'enterprise' ? '本委员会' : '本调解组织';
  const category = MEDIATION_CATEGORY_LABEL[c.category];
  const seal = [p(''), p(`${c.body_name}（盖章）`, { right: true }), p(chineseDate(kind === 'acceptance' ? c.received_on : c.closed_on ?? today()), { right: true })];
  const head = (title: string) => [p(title, { center: true, bold: true, size: 44 }), p(number, { right: true }), p('')];
  const partyLines = () => [
    ...applicants.map((a) => p(`申请人：${a.name}${a.id_number_enc ? `，身份证号码：${maskedId(keyring, a.id_number_enc)}` : ''}${a.phone_enc ? `，联系电话：${maskedPhone(keyring, a.phone_enc)}` : ''}`)),
    ...(reps.length ? [p(`申请人推举的代表：${reps.map((r) => r.name).join('、')}`)] : []),
    p(`被申请人（用人单位）：${c.employer_name}`),
  ];
  let children: Paragraph[];
  if (kind === 'acceptance') {
    const days = mediationDaysOn(c.received_on);
    children = [
      ...head('劳动争议调解受理通知书'), ...partyLines(), p(''), p(`${who}：`),
      p(`${you}于${chineseDate(c.received_on)}向${self}提出的与${c.employer_name}之间${category}的调解申请，经审查，符合受理条件，${self}决定予以受理。`, { indent: true }),
      p(`调解请求：${c.claim}${Number(c.claimed_fen) > 0 ? `；请求金额${money(Number(c.claimed_fen))}` : ''}。`, { indent: true }),
      p(days.days === 15
        ? `根据《中华人民共和国劳动争议调解仲裁法》第十四条的规定，自${self}收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁。本案调解期限至${chineseDate(c.due_on)}。`
        : `根据《企业劳动争议处理条例》的规定，调解应当自当事人申请调解之日起三十日内结束。本案调解期限至${chineseDate(c.due_on)}。`, { indent: true }),
      p('特此通知。', { indent: true }), ...seal,
    ];
  } else if (kind === 'agreement') {
    const review = c.closed_on ? agreementReviewUntil(c.closed_on) : null;
    const terms = (c.agreement_text ?? '').split(/\n+/).map((t) => t.trim()).filter(Boolean);
    const items = [...terms, `被申请人向申请人支付${money(Number(c.agreed_fen ?? 0))}。`];
    children = [
      ...head('劳动争议调解协议书'), ...partyLines(), p(''),
      p(`申请人与被申请人${category}，申请人于${chineseDate(c.received_on)}向${self}申请调解。经${self}主持调解，双方当事人自愿达成如下协议：`, { indent: true }),
      ...items.map((t, i) => p(`${NUM[i] ?? String(i + 1)}、${t}`, { indent: true })),
      p('本协议书自双方当事人签名或者盖章，经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行（《中华人民共和国劳动争议调解仲裁法》第十四条）。', { indent: true }),
      ...(review ? [p(`双方当事人可以自本协议生效之日起十五日内（至${chineseDate(review)}）共同向劳动人事争议仲裁委员会提出仲裁审查申请（《企业劳动争议协商调解规定》）。`, { indent: true })] : []),
      ...(c.category === 'pay' ? [p('因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，劳动者可以持调解协议书依法向人民法院申请支付令（《中华人民共和国劳动争议调解仲裁法》第十六条）。', { indent: true })] : []),
      p('本协议书一式三份，双方当事人和调解组织各执一份。', { indent: true }), p(''),
      p('申请人（签名）：'), p('被申请人（盖章）：'), p('调解员（签名）：'), ...seal,
    ];
  } else {
    const limit = c.known_on ? arbitrationLimitOn(c.known_on) : null;
    const why = c.status === 'withdrawn'
      ? `${you}于${chineseDate(c.closed_on!)}撤回调解申请`
      : '经调解，双方当事人未能达成调解协议';
    children = [
      ...head('终止调解通知书'), p(`${who}：`),
      p(`${you}与${c.employer_name}之间${category}一案，${self}于${chineseDate(c.received_on)}受理。${why}，${self}决定终止调解。`, { indent: true }),
      ...(c.status === 'failed' ? [p(`根据《中华人民共和国劳动争议调解仲裁法》第十四条、第二十七条的规定，当事人可以依法向劳动人事争议仲裁委员会申请仲裁。申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算${limit ? `；本案申请仲裁的时效期间至${chineseDate(limit)}（时效中断、中止的除外）` : ''}。`, { indent: true })] : []),
      p('特此通知。', { indent: true }), ...seal,
    ];
  }
  const doc = new Document({ styles: { default: { document: { run: { font: BODY.font, size: BODY.size } } } }, sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }] });
  const buffer = await Packer.toBuffer(doc);
  await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'mediation.case.document', entity: 'mediation_case', entityId: id, after: { document: DOCUMENT_KIND_LABEL[kind], caseNumber: number } }));
  return { fileName: `${DOCUMENT_KIND_LABEL[kind]}-${number}.docx`, buffer };
}
