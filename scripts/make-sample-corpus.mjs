// Writes corpora/sample/sample.txt: original Japanese sentences composed from word lists
// written for tokext (no copied text), deterministic (seeded), a few hundred KB.
import fs from 'node:fs';
import path from 'node:path';

const people = [
  '私',
  '僕',
  '彼',
  '彼女',
  '先生',
  '友達',
  '母',
  '父',
  '兄',
  '姉',
  '弟',
  '妹',
  '祖父',
  '祖母',
  '店長',
  '医者',
  '学生',
  '子供たち',
  '隣の人',
  '社長',
  '作家',
  '料理人',
  '漁師',
  '農家の人',
  '駅員',
  '運転手',
  '看護師',
  '研究者',
  '画家',
  '音楽家',
];
const places = [
  '東京',
  '大阪',
  '京都',
  '札幌',
  '福岡',
  '名古屋',
  '横浜',
  '神戸',
  '仙台',
  '広島',
  '奈良',
  '金沢',
  '長崎',
  '沖縄',
  '学校',
  '図書館',
  '公園',
  '駅前',
  '病院',
  '市場',
  '海辺',
  '山の上',
  '川沿い',
  '喫茶店',
  '本屋',
  '美術館',
  '動物園',
  '港',
  '工場',
  '研究所',
  '温泉',
  '神社',
  '寺',
  '商店街',
  '空港',
  '体育館',
  '台所',
  '庭',
  '教室',
  '会議室',
];
const things = [
  '本',
  '手紙',
  '写真',
  '地図',
  '新聞',
  '雑誌',
  '傘',
  '鞄',
  '時計',
  '自転車',
  '電話',
  '花',
  '野菜',
  '果物',
  '魚',
  '肉',
  'お茶',
  '珈琲',
  '牛乳',
  'パン',
  'ケーキ',
  'りんご',
  'みかん',
  'お弁当',
  '料理',
  '宿題',
  '資料',
  '報告書',
  '計画',
  '問題',
  '答え',
  '音楽',
  '映画',
  '絵',
  '歌',
  '服',
  '帽子',
  '靴',
  '切符',
  '荷物',
  'コンピューター',
  'カメラ',
  'テレビ',
  'ラジオ',
  'ノート',
  'ペン',
  'メール',
  'ニュース',
  'データ',
  'プログラム',
];
const verbs = [
  ['読', 'む', 'んだ', 'んで', 'みます'],
  ['書', 'く', 'いた', 'いて', 'きます'],
  ['買', 'う', 'った', 'って', 'います'],
  ['見', 'る', 'た', 'て', 'ます'],
  ['作', 'る', 'った', 'って', 'ります'],
  ['送', 'る', 'った', 'って', 'ります'],
  ['持', 'つ', 'った', 'って', 'ちます'],
  ['探', 'す', 'した', 'して', 'します'],
  ['届け', 'る', 'た', 'て', 'ます'],
  ['調べ', 'る', 'た', 'て', 'ます'],
  ['運', 'ぶ', 'んだ', 'んで', 'びます'],
  ['選', 'ぶ', 'んだ', 'んで', 'びます'],
  ['直', 'す', 'した', 'して', 'します'],
  ['使', 'う', 'った', 'って', 'います'],
  ['借り', 'る', 'た', 'て', 'ます'],
  ['片付け', 'る', 'た', 'て', 'ます'],
  ['洗', 'う', 'った', 'って', 'います'],
  ['描', 'く', 'いた', 'いて', 'きます'],
  ['撮', 'る', 'った', 'って', 'ります'],
  ['忘れ', 'る', 'た', 'て', 'ます'],
];
const times = [
  '今日',
  '昨日',
  '明日',
  '今朝',
  '今晩',
  '先週',
  '来週',
  '去年',
  '毎朝',
  '毎晩',
  '週末',
  '夏休みに',
  '冬の間',
  '春になって',
  '秋の夕方',
  '雨の日に',
  '朝早く',
  '夜遅く',
  '昼休みに',
  '三時ごろ',
];
const adjs = [
  '新しい',
  '古い',
  '大きな',
  '小さな',
  '美しい',
  '珍しい',
  '高い',
  '安い',
  '重い',
  '軽い',
  '明るい',
  '暗い',
  '静かな',
  '賑やかな',
  '便利な',
  '大切な',
  '有名な',
  '不思議な',
  '懐かしい',
  '面白い',
];
const adverbs = [
  'ゆっくり',
  'すぐに',
  'こっそり',
  'しっかり',
  'たくさん',
  '少しだけ',
  'もう一度',
  'いつも',
  'ときどき',
  'やっと',
  'きちんと',
  'のんびり',
];
const feelings = [
  'とても嬉しかった',
  '少し驚いた',
  'なんだか寂しかった',
  '本当に助かった',
  '思わず笑ってしまった',
  '心から感謝した',
  'すっかり安心した',
  'ひどく疲れていた',
  '胸がいっぱいになった',
  '不安で眠れなかった',
];
const reasons = [
  '天気が良かったので',
  '時間がなかったから',
  '約束していたので',
  '頼まれたから',
  '気になっていたので',
  '安売りをしていたから',
  '誰もいなかったので',
  '雨が降り出したから',
];

let seed = 20261126;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];

const templates = [
  () =>
    `${pick(times)}、${pick(people)}は${pick(places)}で${pick(adjs)}${pick(things)}を${(([s, d]) => s + d)(pick(verbs))}。`,
  () => {
    const v = pick(verbs);
    return `${pick(people)}が${pick(places)}へ行って、${pick(things)}を${v[0]}${v[2]}。`;
  },
  () => {
    const v = pick(verbs);
    return `「${pick(things)}を${adverbs[Math.floor(rnd() * adverbs.length)]}${v[0]}${v[3]}ください」と${pick(people)}は言った。`;
  },
  () => `${pick(reasons)}、${pick(people)}は${pick(places)}に寄ることにした。`,
  () => {
    const v = pick(verbs);
    return `${pick(people)}は${pick(things)}を${v[0]}${v[4]}が、${pick(feelings)}。`;
  },
  () => `${pick(places)}の${pick(adjs)}${pick(things)}について、${pick(people)}と話し合った。`,
  () => `${pick(times)}は${pick(places)}から${pick(places)}まで${pick(adverbs)}歩いた。`,
  () => {
    const v = pick(verbs);
    return `${pick(people)}に${pick(things)}を${v[0]}${v[3]}もらい、${pick(feelings)}。`;
  },
  () => `この${pick(things)}は${pick(adjs.filter((a) => a.endsWith('い')))}と${pick(people)}は思った。`,
  () => `${pick(people)}の${pick(things)}は${pick(places)}に置いてあります。`,
];

const lines = [];
let bytes = 0;
while (bytes < 280_000) {
  const n = 1 + Math.floor(rnd() * 3);
  const line = Array.from({ length: n }, () => pick(templates)()).join('');
  lines.push(line);
  bytes += Buffer.byteLength(line) + 1;
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'corpora', 'sample', 'sample.txt');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${out}: ${lines.length} lines, ${bytes} bytes`);
