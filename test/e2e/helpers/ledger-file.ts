import { withChecks } from '../../../src/core/generator/credit-codes.js';

/** A registration export with good rows, one unplaceable address and two faulty rows. */
export type LedgerFile = {
  csv: string;
  /** Names in 东华门街道 (110101001) and 景山街道 (110101002), and the one with no township. */
  dongHuaMen: string[];
  jingShan: string[];
  unplaced: string;
  goodRows: number;
  badRows: number;
};

const code = (n: number) => withChecks('91', '110101', String(10_000_000 + n).slice(-8));

export function ledgerFile(): LedgerFile {
  const header = '统一社会信用代码,企业名称,企业类型,法定代表人,成立日期,登记状态,住所,从业人数';
  const good = [
    [code(1), '北京东华门文化传媒有限公司', '有限责任公司（自然人投资或控股）', '王建国', '2016-05-12', '存续', '北京市东城区东华门街道多福巷社区多福巷12号', '36'],
    [code(2), '北京银闸科技有限公司', '有限责任公司（自然人独资）', '李红', '2019/3/1', '在业', '北京市东城区东华门街道银闸社区沙滩北街5号', '8'],
    [code(3), '北京景山餐饮管理有限公司', '有限责任公司', '赵敏', '2012年7月9日', '存续', '北京市东城区景山街道吉祥社区景山东街18号', '120'],
    [code(4), '北京黄化门商贸有限公司', '有限责任公司', '钱多多', '2021-11-30', '存续', '北京市东城区景山街道黄化门社区黄化门街2号', '15'],
    [code(5), '北京某某咨询有限公司', '有限责任公司', '孙立', '2020-01-01', '存续', '北京市东城区某某路1号', '5'],
  ];
  const bad = [
    // The check character of the credit code is wrong.
    [`${code(6).slice(0, 17)}${code(6).endsWith('0') ? '1' : '0'}`, '北京校验位错误有限公司', '有限责任公司', '周一', '2018-02-02', '存续', '北京市东城区东华门街道', '3'],
    // 13th month.
    [code(7), '北京日期错误有限公司', '有限责任公司', '吴二', '2019-13-45', '存续', '北京市东城区景山街道', '4'],
  ];
  const lines = [header, ...good.map((r) => r.join(',')), ...bad.map((r) => r.join(','))];
  return {
    csv: `${lines.join('\r\n')}\r\n`,
    dongHuaMen: [good[0][1], good[1][1]],
    jingShan: [good[2][1], good[3][1]],
    unplaced: good[4][1],
    goodRows: good.length,
    badRows: bad.length,
  };
}
