/** Word lists for plausible generated enterprises. Weights follow the mix of real registration exports. */

/** Registration statuses in the spellings market-regulation exports use (brief: 存续 85%, 在业 5% …). */
export const STATUS_MIX: ReadonlyArray<readonly [string, number]> = [
  ['存续（在营、开业、在册）', 85], ['在业', 5], ['注销', 5], ['吊销，未注销', 3], ['迁出', 1], ['歇业', 1],
];

export const OWNERSHIP_MIX: ReadonlyArray<readonly [string, number]> = [
  ['有限责任公司（自然人投资或控股）', 52], ['有限责任公司（自然人独资）', 20], ['个人独资企业', 8],
  ['有限责任公司（法人独资）', 6], ['普通合伙企业', 3], ['有限合伙企业', 3],
  ['股份有限公司（非上市、自然人投资或控股）', 3], ['有限责任公司（外商投资企业法人独资）', 2],
  ['有限责任公司（台港澳法人独资）', 2], ['其他有限责任公司', 1],
];

/** 国民经济行业分类 门类 (GB/T 4754-2017) with a rough share among private enterprises, and name words. */
export const INDUSTRIES: ReadonlyArray<{ name: string; weight: number; words: readonly string[] }> = [
  { name: '批发和零售业', weight: 30, words: ['商贸', '贸易', '百货', '供应链', '食品'] },
  { name: '租赁和商务服务业', weight: 14, words: ['企业管理', '商务咨询', '广告', '人力资源', '会展服务'] },
  { name: '科学研究和技术服务业', weight: 10, words: ['科技', '技术', '检测', '设计', '工程技术'] },
  { name: '信息传输、软件和信息技术服务业', weight: 9, words: ['网络科技', '信息技术', '软件', '数据科技', '电子商务'] },
  { name: '制造业', weight: 9, words: ['电子', '机械', '塑胶制品', '五金制品', '服装', '精密制造', '新材料'] },
  { name: '建筑业', weight: 6, words: ['建筑工程', '装饰工程', '建设工程', '安装工程'] },
  { name: '住宿和餐饮业', weight: 5, words: ['餐饮管理', '酒店管理', '餐饮'] },
  { name: '居民服务、修理和其他服务业', weight: 4, words: ['家政服务', '汽车维修', '美容'] },
  { name: '交通运输、仓储和邮政业', weight: 4, words: ['物流', '运输', '供应链管理', '仓储'] },
  { name: '房地产业', weight: 3, words: ['房地产开发', '物业管理', '房地产经纪'] },
  { name: '文化、体育和娱乐业', weight: 3, words: ['文化传播', '文化传媒', '体育发展', '影视'] },
  { name: '农、林、牧、渔业', weight: 2, words: ['农业发展', '生态农业', '园林'] },
  { name: '教育', weight: 1, words: ['教育科技', '培训'] },
];

/** Trade-name syllables (字号): two are joined, e.g. 华信、鼎盛. */
export const TRADE_CHARS = [
  '华', '信', '鼎', '盛', '恒', '泰', '宏', '达', '嘉', '禾', '瑞', '丰', '隆', '昌', '鑫', '源', '博', '远', '智', '创',
  '金', '诚', '德', '润', '天', '海', '星', '辰', '新', '锐', '晨', '光', '明', '阳', '佳', '和', '安', '康', '富', '元',
  '聚', '汇', '通', '联', '永', '兴', '腾', '飞', '景', '越', '卓', '凯', '顺', '益', '正', '方', '合', '睿', '铭', '致',
] as const;

export const ORG_SUFFIX: ReadonlyArray<readonly [string, number]> = [['有限公司', 85], ['有限责任公司', 10], ['股份有限公司', 5]];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'] as const;
export const GIVEN_CHARS = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '建', '国', '志', '文', '海', '玲', '斌', '宇', '浩', '凯', '鹏', '欣', '婷'] as const;

/** Road names: generic, and never ending like a township (路/大道/街 are skipped by placement). */
export const ROADS = ['人民路', '解放路', '建设路', '中山路', '和平路', '工业大道', '科技路', '创业路', '新华路', '朝阳路', '文化路', '兴业路', '友谊路', '长江路', '发展大道', '滨河路', '光明路', '幸福路', '振兴路', '青年路'] as const;
/** Building parts; no 园/广场 words, which are also community names and would mislead placement. */
export const BUILDINGS = ['', '', '', 'A座', 'B座', '1栋', '2栋', '3栋'] as const;

export const OWNER_PROFILES: ReadonlyArray<readonly [string, number]> = [['', 92], ['党员', 5], ['人大代表', 1], ['政协委员', 1], ['党员、人大代表', 1]];
