// Site search: Pagefind as the engine, with segmentation-free Chinese matching.
//
// The index (site_builder/search) holds every run of letters/digits/ideographs as
// overlapping character bigrams, each written as an ASCII word. This file applies the SAME
// normalisation (site_builder/search/normalize.py, same rules, same fold table embedded in
// the page) to the query, turns each space-separated part into the same tokens, and asks
// Pagefind for an exact phrase (consecutive word positions). So 产力 finds 生产力, and no
// Chinese word segmenter is involved on either side.
//
// Between two runs of a block stands a boundary token ("x" + the code of the one's last
// character + the code of the next one's first), so a part with separators inside (教育、科)
// is one exact phrase too.
//
// Beside the text's tokens the index holds, per page, one presence word per character
// ("z" + code: a single-character query is one exact word) and the title's tokens ("y" +
// token, "yz" + code): the pages whose title holds the query come first.
//
// window.siteSearch(query, {filters, sort, offset, limit}) is the function the page's UI
// calls; it resolves to [{url, title, excerpt, authors, source, date}] in rank order, with
// .total the number of all results.

const root = document.getElementById("site-search");
const BASE = (root && root.dataset.base) || "/";

// ---- normalisation (mirror of normalize.py) -------------------------------------------
// The fold table (traditional -> simplified) is loaded in parts (search-fold/<n>.json beside
// this script), each once a text to normalise holds one of its characters: the page itself
// lists them (code points rising, base-36 differences, `part` to a file), 2 KB against the
// whole table's 13 KB.
const T2S = new Map();
// character -> the number of its part
const FOLDED = new Map();
{
  const el = document.getElementById("search-fold");
  const listed = el ? JSON.parse(el.textContent) : { part: 1, keys: "" };
  let cp = 0;
  listed.keys.split(",").filter(Boolean).forEach((step, k) => {
    cp += parseInt(step, 36);
    FOLDED.set(String.fromCodePoint(cp), Math.floor(k / listed.part));
  });
}
// A table the page loads in parts (<folder>/<n>.json beside this script), each part fetched
// once, when a query first needs it (a failed fetch is tried again by the next query).
function partLoader(folder, what, take) {
  // part number -> its load
  const loads = new Map();
  return (n) => {
    let load = loads.get(n);
    if (!load) {
      load = fetch(new URL(`${folder}/${n}.json`, import.meta.url)).then((r) => {
        if (!r.ok) throw new Error(`${what}, part ${n}: HTTP ${r.status}`);
        return r.json();
      }).then(take);
      load.catch(() => loads.delete(n));
      loads.set(n, load);
    }
    return load;
  };
}
const foldPart = partLoader("search-fold", "search fold table", (pairs) => {
  const chars = Array.from(pairs);
  for (let i = 0; i + 1 < chars.length; i += 2) T2S.set(chars[i], chars[i + 1]);
  // characters folded before the part came
  foldCache.clear();
});
// Resolves once `text` can be normalised: the parts of the table its characters need are loaded.
function foldReady(text) {
  const parts = new Set();
  for (const c of (text || "").normalize("NFKC").toLowerCase()) if (FOLDED.has(c)) parts.add(FOLDED.get(c));
  return Promise.all([...parts].map(foldPart));
}
const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const DROPPED = /^[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const foldCache = new Map();

function foldChar(ch) {
  let out = foldCache.get(ch);
  if (out !== undefined) return out;
  // a unified ideograph (U+4E00–U+9FFF, most of a text): NFKC and lower case leave it as it
  // is, and it is a word character; only the fold table may map it (the general path below,
  // NFKC and two regular expressions a character, was ~12 ms of a cold query's excerpts)
  if (ch >= "\u4e00" && ch <= "\u9fff") {
    out = T2S.get(ch) ?? ch;
    foldCache.set(ch, out);
    return out;
  }
  out = "";
  for (let c of ch.normalize("NFKC").toLowerCase()) {
    c = T2S.get(c) ?? c;
    if (DROPPED.test(c)) continue;
    out += WORD.test(c) ? c : " ";
  }
  foldCache.set(ch, out);
  return out;
}

// Normalised text (runs joined by single spaces) and, for each of its UTF-16 units, the
// [start, end) of the original text it came from.
function normalizeWithMap(text) {
  const chars = [];
  const starts = [];
  const ends = [];
  let i = 0;
  let pendingSpace = false;
  for (const ch of text) {
    const folded = foldChar(ch);
    for (const c of folded) {
      if (c === " ") {
        pendingSpace = chars.length > 0;
        continue;
      }
      if (pendingSpace) {
        chars.push(" ");
        starts.push(i);
        ends.push(i);
        pendingSpace = false;
      }
      for (let k = 0; k < c.length; k++) {
        chars.push(c[k]);
        starts.push(i);
        ends.push(i + ch.length);
      }
    }
    i += ch.length;
  }
  return { norm: chars.join(""), starts, ends };
}

// The same text without the map, faster: most of a text is unified ideographs that neither
// NFKC nor the fold table change, kept as they are; only the other characters and the
// ideographs the fold table lists (FOLDED: the whole list is in the page) go through
// foldChar. Its separators come out as spaces: runs of them are one space, none at the ends,
// as normalizeWithMap has them.
let unfolded = null;
function normalize(text) {
  if (!unfolded) {
    const listed = [...FOLDED.keys()].filter((c) => c >= "\u4e00" && c <= "\u9fff").join("");
    unfolded = new RegExp(`[^\u4e00-\u9fff]+${listed ? `|[${listed}]` : ""}`, "gu");
  }
  return text.replace(unfolded, (run) => {
    let out = "";
    for (const ch of run) out += foldChar(ch);
    return out;
  }).replace(/ {2,}/g, " ").trim();
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const START = "x";
const PRESENCE = "z";
const TITLE = "y";
const TWIN = "w";
const QUAD = "v";

// four base-36 digits of the code point: fixed width (prefix-free), never starting with x, y or z
function charCode(ch) {
  const cp = ch.codePointAt(0);
  return DIGITS[Math.floor(cp / 46656)] + DIGITS[Math.floor(cp / 1296) % 36] + DIGITS[Math.floor(cp / 36) % 36] + DIGITS[cp % 36];
}

// a run's bigrams; between two runs of a block, x + the one's last code + the next's first
function runTokens(run) {
  const codes = Array.from(run, charCode);
  const tokens = [];
  for (let k = 0; k + 1 < codes.length; k++) tokens.push(codes[k] + codes[k + 1]);
  return tokens;
}
const boundaryToken = (run, next) => START + charCode(Array.from(run).pop()) + charCode(next);

function planPart(part) {
  const runs = normalize(part).split(" ").filter(Boolean);
  if (!runs.length) return null;
  if (runs.length === 1 && Array.from(runs[0]).length === 1) return { text: runs[0], phrase: [], single: charCode(runs[0]) };
  const phrase = [];
  runs.forEach((run, k) => {
    // the first run may start inside a text run, the last may end inside one
    if (k) phrase.push(boundaryToken(runs[k - 1], run));
    phrase.push(...runTokens(run));
  });
  return { text: runs.join(" "), phrase, single: null };
}

// The common bigrams (site_builder/search/heavy.py): the index holds a twin of each (w +
// bigram: the pages that hold it, one position each) and a quad (v + four codes) wherever
// two of them follow one another, at the first one's position. The list is loaded in parts
// (search-heavy/<n>.json beside this script: the bigrams whose first code point is n modulo
// HEAVY_PARTS), each once a query holds such a character: a query of a few characters loads
// ~1 KB, not the whole list's 7.
const HEAVY_PARTS = 64;
const LISTED = new Set();
const heavyPart = partLoader("search-heavy", "search common bigrams", (joined) => {
  for (let k = 0; k + 1 < joined.length; k += 2) LISTED.add(joined.slice(k, k + 2));
});
// Resolves once every listed bigram that starts with a character of the plans' texts is in LISTED.
function heavyReady(plans) {
  const parts = new Set();
  for (const p of plans) for (const c of p.text) parts.add(c.codePointAt(0) % HEAVY_PARTS);
  return Promise.all([...parts].map(heavyPart));
}

// The words a part's text search looks up (heavy.py's search_words, the same rules): a part
// of one listed bigram, its twin (no positions: one entry of a few bytes a page, not the
// bigram's every position); else its phrase with each bigram that starts a quad replaced by
// the quad (a rarer word at the same position), and the two bigrams after a quad that ends
// the part dropped (the quad covers them).
function searchWords(plan, listed) {
  if (plan.single) return { words: [PRESENCE + plan.single], twin: false };
  const runs = plan.text.split(" ");
  if (runs.length === 1 && runs[0].length === 2 && listed.has(runs[0])) {
    return { words: [TWIN + Array.from(runs[0], charCode).join("")], twin: true };
  }
  const words = [];
  const last = runs.length - 1;
  runs.forEach((run, i) => {
    const chars = Array.from(run);
    const codes = chars.map(charCode);
    const n = chars.length;
    const quad = (k) => k + 3 < n && listed.has(chars[k] + chars[k + 1]) && listed.has(chars[k + 2] + chars[k + 3]);
    const bigrams = i === last && n >= 4 && quad(n - 4) ? n - 3 : n - 1;
    if (i) words.push(boundaryToken(runs[i - 1], run));
    for (let k = 0; k < bigrams; k++) words.push(quad(k) ? QUAD + codes.slice(k, k + 4).join("") : codes[k] + codes[k + 1]);
  });
  return { words, twin: false };
}

function planQuery(query) {
  const plans = [];
  const seen = new Set();
  for (const part of (query || "").normalize("NFKC").split(/\s+/u)) {
    const plan = part ? planPart(part) : null;
    if (plan && !seen.has(plan.text)) {
      seen.add(plan.text);
      plans.push(plan);
    }
  }
  return plans;
}

// A part lies inside one block (a line of the text: the blocks are joined by newlines), as
// the index's phrases do (normalize.py's matches).
const haystackOf = (text) => " " + text.split("\n").map(normalize).join("\n") + " ";


// ---- Pagefind ------------------------------------------------------------------------
let pagefindPromise = null;
const NO_EXCERPT = 2 ** 30;
function getPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = (async () => {
      const pf = await import(`${BASE}pagefind/pagefind.js`);
      // result URLs are the site's paths: Pagefind puts the base URL in front of them. The
      // engine runs on the page's thread: its worker would be a second copy of the engine's
      // script (12 KB gzipped) fetched before the first query, and this page does nothing
      // else while a search runs. The excerpts are this page's own (the fragments hold no
      // text): an excerpt length above any word position makes Pagefind skip its search for
      // the densest window of each result shown (a loop over every position up to the last
      // match, on a sparse array: tens of ms for ten results on a loaded machine)
      await pf.options({ excerptLength: NO_EXCERPT, baseUrl: BASE, noWorker: true });
      await pf.init();
      warmSegmenter();
      return pf;
    })();
  }
  return pagefindPromise;
}

// Pagefind cuts every search term with Intl.Segmenter in the page's language; for zh that
// is ICU's dictionary-based word segmenter, whose dictionary the page loads on first use
// (10-20 ms measured in Chromium). The terms here are ASCII and come out whole, but the
// segmenter runs all the same: the load is done once the engine is ready, not inside the
// first query (it is shared by every segmenter of the page).
function warmSegmenter() {
  const lang = document.documentElement.lang;
  if (!lang || typeof Intl.Segmenter === "undefined") return;
  try {
    for (const _ of new Intl.Segmenter(lang, { granularity: "word" }).segment("中文")) break;
  } catch (err) {
    // an unknown language tag: Pagefind's own call would fail over the same way
  }
}

function cleanFilters(filters) {
  const out = {};
  for (const [k, v] of Object.entries(filters || {})) {
    if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)) out[k] = v;
  }
  return out;
}

// The text's bigrams, quads, twins and presence words are split by page: a page's are indexed
// with the digit of its bucket after them (site_builder/search/tokens.py). A part with one of
// them is searched in each bucket apart, and the pages found put together: Pagefind scans, for
// each page found, every item of the searched words, so four searches of a quarter cost a
// quarter. A presence word or a twin (searched alone, one item a page) is in sixteen buckets;
// bigrams and quads, searched together in a phrase, in four (the page's bucket modulo 4).
const BUCKETS = 16;
const PHRASE_BUCKETS = 4;
// a bigram (two codes), a presence word, a twin, a quad
const isSplit = (token) => token.length === 8 || token.startsWith(PRESENCE) || token.startsWith(TWIN) || token.startsWith(QUAD);
const isAlone = (token) => token.startsWith(PRESENCE) || token.startsWith(TWIN);

// The search of one part: its exact phrase, or the presence word of its one character, or
// the twin of its one common bigram (``words``: searchWords); in the title namespace with
// mark = TITLE (the phrase, not split by bucket).
async function partSearch(pf, plan, filters, mark) {
  const words = mark ? (plan.single ? [PRESENCE + plan.single] : plan.phrase) : plan.words;
  const query = (bucket) => {
    const tokens = words.map((t) => mark + t + (bucket !== null && isSplit(t) ? DIGITS[bucket] : ""));
    return plan.single ? tokens[0] : `"${tokens.join(" ")}"`;
  };
  if (mark || !words.some(isSplit)) return pf.search(query(null), { filters });
  const buckets = words.length === 1 && isAlone(words[0]) ? BUCKETS : PHRASE_BUCKETS;
  const found = await Promise.all(Array.from({ length: buckets }, (_, b) => pf.search(query(b), { filters })));
  return { results: found.flatMap((r) => r.results) };
}

const ids = (r) => new Set(r.results.map((x) => x.id));

// The day a result id carries, or "": a dated page's fragment is named by its day number in
// four base-36 digits (which compare as the days do), then a hash; an undated one "_…".
function dateOf(id) {
  return id.startsWith("_") ? "" : id.slice(0, 4);
}

// Results in order: newest / oldest first (undated last), or title hits first, then
// Pagefind's BM25 ranking. Each is {id, data}.
function ordered(results, sort, titleIds) {
  const keyed = results.map((r, rank) => ({ r, rank, date: dateOf(r.id), title: titleIds.has(r.id) }));
  const byDate = (a, b) => (!a.date || !b.date ? (!a.date) - (!b.date) : a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  if (sort === "newest") keyed.sort((a, b) => (a.date && b.date ? byDate(b, a) : byDate(a, b)) || a.rank - b.rank);
  else if (sort === "oldest") keyed.sort((a, b) => byDate(a, b) || a.rank - b.rank);
  else keyed.sort((a, b) => b.title - a.title || a.rank - b.rank);
  return keyed.map((k) => k.r);
}

// Every result of a query, ranked: {plans, results: [{id, score, data}]}.
async function rankedResults(query, filters, sort) {
  // the common bigrams' parts load beside the fold table's
  const heavy = heavyReady(planQuery(query));
  // (its failure is awaited below)
  heavy.catch(() => {});
  const [pf] = await Promise.all([getPagefind(), foldReady(query)]);
  const planned = planQuery(query);
  const f = cleanFilters(filters);
  if (!planned.length) {
    if (!Object.keys(f).length) return { plans: planned, results: [] };
    const r = await pf.search(null, { filters: f });
    return { plans: planned, results: ordered(r.results, sort, new Set()) };
  }
  // Each part's exact search gives its pages and their BM25 scores; a page must be in
  // every one, and ranks by the sum of its scores. The same searches in the title
  // namespace tell which pages hold the query in their title: they need no list of common
  // bigrams, and start while its parts load. All run at once; Pagefind shares the chunks
  // they load.
  // (sorted by date, the title hits do not come first)
  const inTitle = sort ? [] : planned.map((p) => partSearch(pf, p, f, TITLE));
  // the list's parts of the characters as typed hold the bigrams of the characters they fold
  // to (heavy.py's heavy_files): the parts load beside the fold table's, not after them
  await heavy;
  const plans = planned.map((p) => ({ ...p, ...searchWords(p, LISTED) }));
  const exact = plans.map((p) => partSearch(pf, p, f, ""));
  const found = await Promise.all([...exact, ...inTitle]);
  const scores = found.slice(0, exact.length).map((r) => new Map(r.results.map((x) => [x.id, x.score])));
  const titleSets = found.slice(exact.length).map(ids);
  const results = found[0].results
    .filter((x) => scores.every((m) => m.has(x.id)))
    .map((x, rank) => ({ x, rank, score: scores.reduce((sum, m) => sum + m.get(x.id), 0) }))
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .map((k) => k.x);
  const titleIds = new Set(titleSets.length ? results.map((x) => x.id).filter((id) => titleSets.every((s) => s.has(id))) : []);
  return { plans, results: ordered(results, sort, titleIds) };
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// A clean excerpt of the text around its first match, every match highlighted.
function makeExcerpt(text, plans) {
  const { norm, starts, ends } = normalizeWithMap(text);
  const spans = [];
  for (const p of plans) {
    let from = 0;
    for (;;) {
      const k = norm.indexOf(p.text, from);
      if (k < 0) break;
      spans.push([starts[k], ends[k + p.text.length - 1]]);
      from = k + 1;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const center = spans.length ? spans[0][0] : 0;
  // work in UTF-16 offsets; the window is about 110 characters
  let start = Math.max(0, center - 36);
  let end = Math.min(text.length, start + 110);
  if (end - start < 110) start = Math.max(0, end - 110);
  // never cut a surrogate pair
  if (/[\uDC00-\uDFFF]/.test(text[start] || "")) start -= 1;
  if (/[\uDC00-\uDFFF]/.test(text[end] || "")) end += 1;
  let html = start > 0 ? "…" : "";
  let pos = start;
  for (const [a, b] of spans) {
    if (b <= pos || a >= end) continue;
    const s = Math.max(a, pos);
    const e = Math.min(b, end);
    html += escapeHtml(text.slice(pos, s)) + "<mark>" + escapeHtml(text.slice(s, e)) + "</mark>";
    pos = e;
  }
  html += escapeHtml(text.slice(pos, end)) + (end < text.length ? "…" : "");
  return html;
}

// ---- the readable text, in parts ------------------------------------------------------
// A fragment holds no text: its meta lists the text's parts ("<first word position>:<name>,…",
// whole blocks, joined by newlines they are the text), each a gzipped file of its own, so a
// result shown costs its fragment and the one part its excerpt is cut from. A part is GB18030
// (fewer bytes for Chinese), or UTF-16LE when its name starts with "u" (a character whose
// GB18030 code Python and the browser may read differently: site_builder/search/writer.py).
const partFiles = new Map();
const holdsMatch = (plans, text) => {
  const haystack = haystackOf(text);
  return plans.some((p) => haystack.includes(p.text));
};
// A part's text holds a match once folded; the parts of the fold table it needs are waited
// for only when it does not without them (a text with a traditional character whose part is
// not loaded yet): a simplified text costs no fetch after its own
async function holdsFoldedMatch(plans, text) {
  if (holdsMatch(plans, text)) return true;
  const loaded = T2S.size;
  await foldReady(text);
  return T2S.size !== loaded && holdsMatch(plans, text);
}

function partText(name) {
  let text = partFiles.get(name);
  if (!text) {
    text = fetch(`${BASE}pagefind/text/${name}.pf_text`).then((r) => {
      if (!r.ok) throw new Error(`search text part ${name}: HTTP ${r.status}`);
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
        .then((bytes) => new TextDecoder(name.startsWith("u") ? "utf-16le" : "gb18030").decode(bytes));
    });
    partFiles.set(name, text);
    if (partFiles.size > 500) partFiles.delete(partFiles.keys().next().value);
  }
  return text;
}

function textParts(data) {
  const listed = (data.meta && data.meta.parts) || "";
  return listed ? listed.split(",").map((s) => ({ start: parseInt(s, 10), name: s.slice(s.indexOf(":") + 1) })) : [];
}

const partAt = (parts, position) => parts.reduce((found, p, k) => (p.start <= position ? k : found), 0);

// The text a result's excerpt is cut from: the first part that holds a match, tried in this
// order: the part of the first phrase match in the running text (Pagefind's result.words,
// when the first part of the query has a phrase), then the parts from the running text on,
// then those before it; failing that (a match over two parts' border), two parts together.
async function excerptText(data, plans, words) {
  const parts = textParts(data);
  if (!parts.length) return "";
  const bodyAt = parseInt((data.meta && data.meta.body_at) || "0", 10);
  const at = (position) => partAt(parts, position);
  const body = at(bodyAt);
  const keys = [...parts.keys()];
  const order = keys.slice(body).concat(keys.slice(0, body));
  if (words.length) {
    const first = at(words.find((w) => w >= bodyAt) ?? Math.min(...words));
    order.splice(order.indexOf(first), 1);
    order.unshift(first);
  }
  const likeliest = await partText(parts[order[0]].name);
  if (!holdsMatch(plans, likeliest) && !words.length) {
    // nothing tells where the match is (a twin, a presence word) and the likeliest part
    // misses: every other part is fetched at once, each with the fold-table parts it needs
    // when it misses unfolded (one round trip more, not one or two per part tried)
    for (const k of order.slice(1)) {
      partText(parts[k].name).then((text) => holdsMatch(plans, text) || foldReady(text)).catch(() => {});
    }
  }
  for (const k of order) {
    const text = await partText(parts[k].name);
    if (await holdsFoldedMatch(plans, text)) return text;
  }
  for (const k of order.filter((k) => k + 1 < parts.length)) {
    const text = (await partText(parts[k].name)) + "\n" + (await partText(parts[k + 1].name));
    if (await holdsFoldedMatch(plans, text)) return text;
  }
  const text = await partText(parts[body].name);
  await foldReady(text);
  return text;
}

async function shape(result, data, plans) {
  const meta = data.meta || {};
  // else the positions of presence words or twins (one fixed position)
  const words = plans.length && plans[0].phrase.length && !plans[0].twin ? result.words || [] : [];
  return {
    // with the site's base URL: Pagefind's baseUrl option
    url: data.url,
    title: meta.title || data.url,
    excerpt: makeExcerpt(await excerptText(data, plans, words), plans),
    authors: meta.authors || "",
    source: meta.source || "",
    date: meta.date || "",
  };
}

const cache = new Map();

async function siteSearch(query, options = {}) {
  const filters = cleanFilters(options.filters);
  const sort = options.sort || "";
  const offset = Math.max(0, options.offset || 0);
  const limit = options.limit ?? Infinity;
  const key = JSON.stringify([query, filters, sort]);
  let state = cache.get(key);
  if (!state) {
    state = { ranked: await rankedResults(query, filters, sort), shaped: new Map() };
    cache.set(key, state);
    if (cache.size > 50) cache.delete(cache.keys().next().value);
  }
  const { plans, results } = state.ranked;
  // every result contains the query (the index's phrases are exact): only the page of
  // results asked for is loaded
  const wanted = results.slice(offset, offset + limit).filter((r) => !state.shaped.has(r.id));
  for (let k = 0; k < wanted.length; k += 20) {
    const batch = wanted.slice(k, k + 20);
    const shaped = await Promise.all(batch.map(async (r) => shape(r, await r.data(), plans)));
    batch.forEach((r, i) => state.shaped.set(r.id, shaped[i]));
  }
  const out = results.slice(offset, offset + limit).map((r) => state.shaped.get(r.id));
  out.total = results.length;
  return out;
}

// Ranked page ids only (cheap: no fragments), for tests and benchmarks over large archives.
siteSearch.ranked = async (query, options = {}) => {
  const r = await rankedResults(query, cleanFilters(options.filters), options.sort || "");
  return { ids: r.results.map((x) => x.id) };
};
siteSearch.ready = async () => { await getPagefind(); return true; };
// of a text whose fold table is ready (siteSearch.foldReady)
siteSearch.normalize = normalize;
siteSearch.foldReady = foldReady;
siteSearch.partText = partText;
siteSearch.planQuery = planQuery;
siteSearch.searchWords = async (query) => {
  await heavyReady(planQuery(query));
  return planQuery(query).map((p) => searchWords(p, LISTED));
};
window.siteSearch = siteSearch;

// ---- the page's UI -------------------------------------------------------------------
// Its whole state is in the URL: ?q=…&page=N&sort=newest&作者=… (back and forward work).
const PAGE = 10;
const SORTS = ["", "newest", "oldest"];

function setupUi() {
  if (!root) return;
  const form = root.querySelector("form");
  const input = root.querySelector("#search-input");
  const sortSelect = root.querySelector("#search-sort");
  const status = root.querySelector("#search-status");
  const list = root.querySelector("#search-results");
  const pager = root.querySelector("#search-pages");
  const fields = Array.from(root.querySelectorAll("[data-filter]"));
  let page = 1;
  let generation = 0;

  function readUrl() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const f of fields) f.value = params.get(f.dataset.filter) || "";
    const sort = params.get("sort") || "";
    sortSelect.value = SORTS.includes(sort) ? sort : "";
    page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  }

  function currentFilters() {
    const f = {};
    for (const el of fields) if (el.value.trim()) f[el.dataset.filter] = el.value.trim();
    return f;
  }

  function urlOf(state) {
    const p = new URLSearchParams();
    if (state.query) p.set("q", state.query);
    for (const [k, v] of Object.entries(state.filters)) p.set(k, v);
    if (state.sort) p.set("sort", state.sort);
    if (state.page > 1) p.set("page", String(state.page));
    const qs = p.toString();
    return qs ? `?${qs}` : location.pathname;
  }

  function current() {
    return { query: input.value.trim(), filters: currentFilters(), sort: sortSelect.value, page };
  }

  // history: "push" for a new page of results or a new search, "replace" while typing
  async function run(history = "replace") {
    const state = current();
    const mine = ++generation;
    const target = urlOf(state);
    if (history === "push" && target !== location.search) window.history.pushState(null, "", target);
    else if (history !== "none") window.history.replaceState(null, "", target);
    if (!state.query && !Object.keys(state.filters).length) {
      list.replaceChildren();
      pager.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "正在搜索……";
    root.setAttribute("aria-busy", "true");
    let results;
    try {
      results = await siteSearch(state.query, { filters: state.filters, sort: state.sort, offset: (state.page - 1) * PAGE, limit: PAGE });
    } catch (err) {
      if (mine === generation) status.textContent = "搜索出错，请稍后再试。";
      root.removeAttribute("aria-busy");
      return;
    }
    if (mine !== generation) return;
    root.removeAttribute("aria-busy");
    const what = state.query ? `包含“${state.query}”的` : "";
    status.textContent = results.total ? `找到 ${results.total} 篇${what}文章` : `没有找到${what}文章`;
    list.start = (state.page - 1) * PAGE + 1;
    list.replaceChildren(...results.map(renderResult));
    renderPager(state, Math.ceil(results.total / PAGE));
  }

  function renderResult(r) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = r.url;
    a.textContent = r.title;
    h.append(a);
    li.append(h);
    const parts = [r.authors, r.source];
    if (r.date) {
      const [y, m, d] = r.date.split("-").map(Number);
      parts.push(y && m && d ? `${y}年${m}月${d}日` : r.date);
    }
    if (parts.some(Boolean)) {
      const meta = document.createElement("p");
      meta.className = "search-result-meta";
      meta.textContent = parts.filter(Boolean).join(" · ");
      li.append(meta);
    }
    const p = document.createElement("p");
    p.className = "search-result-excerpt";
    // built from escaped text and <mark> only
    p.innerHTML = r.excerpt;
    li.append(p);
    return li;
  }

  // 上一页 1 … 4 5 [6] 7 8 … 20 下一页: links with the page in the URL
  function renderPager(state, pages) {
    pager.replaceChildren();
    if (pages <= 1) return;
    const numbers = new Set([1, pages]);
    for (let n = state.page - 2; n <= state.page + 2; n++) if (n >= 1 && n <= pages) numbers.add(n);
    const link = (n, label) => {
      const a = document.createElement("a");
      a.href = urlOf({ ...state, page: n });
      a.textContent = label;
      a.dataset.page = String(n);
      if (n === state.page && label === String(n)) a.setAttribute("aria-current", "page");
      return a;
    };
    const items = [];
    if (state.page > 1) items.push(link(state.page - 1, "上一页"));
    let last = 0;
    for (const n of Array.from(numbers).sort((a, b) => a - b)) {
      if (n > last + 1) {
        const gap = document.createElement("span");
        gap.textContent = "…";
        items.push(gap);
      }
      items.push(link(n, String(n)));
      last = n;
    }
    if (state.page < pages) items.push(link(state.page + 1, "下一页"));
    pager.append(...items);
  }

  pager.addEventListener("click", (event) => {
    const a = event.target.closest("a[data-page]");
    if (!a) return;
    event.preventDefault();
    page = parseInt(a.dataset.page, 10);
    run("push").then(() => list.focus());
  });

  let timer = null;
  input.addEventListener("input", () => {
    page = 1;
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    page = 1;
    run("push");
  });
  for (const el of [...fields, sortSelect]) el.addEventListener("change", () => { page = 1; run("push"); });
  window.addEventListener("popstate", () => { readUrl(); run("none"); });

  // The author filter is typed into; its suggestions (Pagefind's own filter values) are
  // loaded when it is first used, not with the page.
  const authors = root.querySelector("#search-author-list");
  const authorInput = root.querySelector("[list=search-author-list]");
  if (authors && authorInput) {
    authorInput.addEventListener("focus", async () => {
      if (authors.childElementCount) return;
      const counts = (await (await getPagefind()).filters())[authorInput.dataset.filter] || {};
      const names = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : 1));
      authors.replaceChildren(...names.map((name) => {
        const o = document.createElement("option");
        o.value = name;
        o.label = `${counts[name]} 篇`;
        return o;
      }));
    }, { once: false });
  }

  readUrl();
  getPagefind().catch(() => { status.textContent = "搜索索引加载失败。"; });
  if (input.value || Object.keys(currentFilters()).length) run("none");
}

setupUi();
