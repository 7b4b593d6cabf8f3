/**
 * The 47 prefectures, for OpenLogi's `prefecture` field (SPEC.md "Recipient mapping").
 * Shopify gives a Japanese address's province as a code ("JP-13") and a romaji name
 * ("Tōkyō"); OpenLogi wants the Japanese name with its suffix ("東京都").
 */

/** One prefecture: ISO 3166-2 code, Japanese name, romaji as Shopify spells it. */
export interface Prefecture {
  code: `JP-${string}`;
  name: string;
  romaji: string;
}

/** JIS X 0401 order, JP-01 北海道 … JP-47 沖縄県. */
export const PREFECTURES: readonly Prefecture[] = [
  ["北海道", "Hokkaidō"], ["青森県", "Aomori"], ["岩手県", "Iwate"], ["宮城県", "Miyagi"],
  ["秋田県", "Akita"], ["山形県", "Yamagata"], ["福島県", "Fukushima"], ["茨城県", "Ibaraki"],
  ["栃木県", "Tochigi"], ["群馬県", "Gunma"], ["埼玉県", "Saitama"], ["千葉県", "Chiba"],
  ["東京都", "Tōkyō"], ["神奈川県", "Kanagawa"], ["新潟県", "Niigata"], ["富山県", "Toyama"],
  ["石川県", "Ishikawa"], ["福井県", "Fukui"], ["山梨県", "Yamanashi"], ["長野県", "Nagano"],
  ["岐阜県", "Gifu"], ["静岡県", "Shizuoka"], ["愛知県", "Aichi"], ["三重県", "Mie"],
  ["滋賀県", "Shiga"], ["京都府", "Kyōto"], ["大阪府", "Ōsaka"], ["兵庫県", "Hyōgo"],
  ["奈良県", "Nara"], ["和歌山県", "Wakayama"], ["鳥取県", "Tottori"], ["島根県", "Shimane"],
  ["岡山県", "Okayama"], ["広島県", "Hiroshima"], ["山口県", "Yamaguchi"], ["徳島県", "Tokushima"],
  ["香川県", "Kagawa"], ["愛媛県", "Ehime"], ["高知県", "Kōchi"], ["福岡県", "Fukuoka"],
  ["佐賀県", "Saga"], ["長崎県", "Nagasaki"], ["熊本県", "Kumamoto"], ["大分県", "Ōita"],
  ["宮崎県", "Miyazaki"], ["鹿児島県", "Kagoshima"], ["沖縄県", "Okinawa"],
].map(([name, romaji], index) => ({
  code: `JP-${String(index + 1).padStart(2, "0")}` as const,
  name,
  romaji,
}));

/** "Tōkyō", "TOKYO", "Tokyo-to", "Tôkyô Prefecture" → "tokyo". */
function foldRomaji(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s-]+(prefecture|ken|fu|to)$/, "")
    .replace(/[^a-z]/g, "");
}

const byCode = new Map<string, Prefecture>();
const byName = new Map<string, Prefecture>();
for (const prefecture of PREFECTURES) {
  byCode.set(prefecture.code, prefecture);
  byName.set(prefecture.name, prefecture);
  // "東京" and "大阪" are common without 都/府/県; 北海道 keeps its 道.
  if (/[都府県]$/.test(prefecture.name)) byName.set(prefecture.name.slice(0, -1), prefecture);
  byName.set(foldRomaji(prefecture.romaji), prefecture);
}

/** By Shopify province code: "JP-13", "13", "jp13" and "1" all work. */
export function prefectureByCode(code: string | null | undefined): Prefecture | null {
  const match = /^(?:JP-?)?(\d{1,2})$/i.exec(code?.normalize("NFKC").trim() ?? "");
  if (!match) return null;
  return byCode.get(`JP-${match[1].padStart(2, "0")}`) ?? null;
}

/** By Japanese name ("東京都", "東京") or romaji, accents and case folded ("Tōkyō", "TOKYO"). */
export function prefectureByName(name: string | null | undefined): Prefecture | null {
  const trimmed = name?.normalize("NFKC").trim() ?? "";
  if (trimmed === "") return null;
  return byName.get(trimmed) ?? byName.get(foldRomaji(trimmed)) ?? null;
}

/** The province code first (Shopify's canonical field), then the name. */
export function findPrefecture(
  provinceCode: string | null | undefined,
  province: string | null | undefined,
): Prefecture | null {
  return prefectureByCode(provinceCode) ?? prefectureByName(province);
}
