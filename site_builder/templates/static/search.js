// Site search: Pagefind as the engine, with segmentation-free Chinese matching.
//
// The index (site_builder/search) holds every run of letters/digits/ideographs as
// overlapping character bigrams, each written as an ASCII word. This file applies the SAME
// normalisation (site_builder/search/normalize.py, same rules, same fold table embedded in
// the page) to the query, turns each space-separated part into the same tokens, and asks
// Pagefind for an exact phrase (consecutive word positions). So 产力 finds 生产力, and no
// Chinese word segmenter is involved on either side.
//
// window.siteSearch(query, {filters, limit}) is the function the page's UI calls; it
// resolves to [{url, title, excerpt, source, date}] in rank order.

const root = document.getElementById("site-search");
const BASE = (root && root.dataset.base) || "/";

// ---- normalisation (mirror of normalize.py) -------------------------------------------
const T2S = new Map();
{
  const el = document.getElementById("search-fold");
  const pairs = el ? Array.from(JSON.parse(el.textContent)) : [];
  for (let i = 0; i + 1 < pairs.length; i += 2) T2S.set(pairs[i], pairs[i + 1]);
}
const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const DROPPED = /^[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const foldCache = new Map();

function foldChar(ch) {
  let out = foldCache.get(ch);
  if (out !== undefined) return out;
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

function normalize(text) {
  return normalizeWithMap(text).norm;
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const CJK_FIRST = 0x3400;
const CJK_LAST = 0x9fff;
const CJK_LEADS = 22;
const OTHER_LIMIT = (36 - CJK_LEADS) * 36 ** 3;

function charCode(ch) {
  let cp = ch.codePointAt(0);
  if (cp >= CJK_FIRST && cp <= CJK_LAST) {
    const v = cp - CJK_FIRST;
    return DIGITS[Math.floor(v / 1296)] + DIGITS[Math.floor(v / 36) % 36] + DIGITS[v % 36];
  }
  if (cp >= OTHER_LIMIT) cp = 0xfffd;
  const lead = Math.floor(cp / 46656);
  const rest = cp % 46656;
  return (DIGITS[CJK_LEADS + lead] + DIGITS[Math.floor(rest / 1296) % 36] +
          DIGITS[Math.floor(rest / 36) % 36] + DIGITS[rest % 36]);
}

function runTokens(run) {
  const codes = Array.from(run, charCode);
  const tokens = [];
  for (let k = 0; k + 1 < codes.length; k++) tokens.push(codes[k] + codes[k + 1]);
  tokens.push(codes[codes.length - 1]);
  return tokens;
}

function planPart(part) {
  const runs = normalize(part).split(" ").filter(Boolean);
  if (!runs.length) return null;
  const phrase = [];
  runs.forEach((run, k) => {
    const tokens = runTokens(run);
    phrase.push(...(k < runs.length - 1 ? tokens : tokens.slice(0, -1)));
  });
  const last = runs[runs.length - 1];
  const prefix = Array.from(last).length === 1 ? charCode(last) : null;
  return { text: runs.join(" "), phrase, prefix, exact: !(phrase.length && prefix) };
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

function textMatches(plans, text) {
  const haystack = " " + normalize(text) + " ";
  return plans.every((p) => haystack.includes(p.text));
}

// ---- Pagefind ------------------------------------------------------------------------
let pagefindPromise = null;
function getPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = (async () => {
      const pf = await import(`${BASE}pagefind/pagefind.js`);
      await pf.options({ excerptLength: 12 });
      await pf.init();
      // a large archive is indexed in shards (site_builder.search.build_index): merge them
      try {
        const res = await fetch(`${BASE}pagefind/site-search.json`, { cache: "no-cache" });
        const { shards } = res.ok ? await res.json() : { shards: [] };
        for (const shard of shards || []) await pf.mergeIndex(`${BASE}pagefind/${shard}`);
      } catch (err) {
        console.warn("site search: no shard list", err);
      }
      // start Pagefind's worker now (its first search pays the start-up), not on the
      // reader's first query. No token starts with "zzzz" (that code would be a code point
      // above U+94140), so this loads one small chunk and finds nothing.
      await pf.search("zzzz");
      return pf;
    })();
  }
  return pagefindPromise;
}

function cleanFilters(filters) {
  const out = {};
  for (const [k, v] of Object.entries(filters || {})) {
    if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)) out[k] = v;
  }
  return out;
}

// Ranked candidates for a query: [{id, score, data}] plus whether each must be checked.
async function rankedResults(query, filters) {
  const pf = await getPagefind();
  const plans = planQuery(query);
  const f = cleanFilters(filters);
  if (!plans.length) {
    if (!Object.keys(f).length) return { plans, results: [], verify: false };
    const r = await pf.search(null, { filters: f });
    return { plans, results: r.results, verify: false };
  }
  // one exact search per part (and a prefix search for a trailing single character) ...
  const searches = [];
  const rankTokens = new Set();
  for (const plan of plans) {
    if (plan.phrase.length) {
      searches.push(pf.search(`"${plan.phrase.join(" ")}"`, { filters: f }));
      plan.phrase.forEach((t) => rankTokens.add(t));
    }
    if (plan.prefix) {
      searches.push(pf.search(plan.prefix, { filters: f }));
      rankTokens.add(plan.prefix);
    }
  }
  // ... and one ordinary search of all the tokens, which gives the BM25 ranking (its hits
  // are a superset of the exact ones). All run at once; Pagefind shares the loaded chunks.
  // (a query of single characters only is its own ranking search: run it once)
  const prefixOnly = plans.every((p) => !p.phrase.length);
  const [ranked, ...exact] = prefixOnly
    ? [await pf.search(Array.from(rankTokens).join(" "), { filters: f })]
    : await Promise.all([pf.search(Array.from(rankTokens).join(" "), { filters: f }), ...searches]);
  const required = exact.map((r) => new Set(r.results.map((x) => x.id)));
  const results = ranked.results.filter((x) => required.every((s) => s.has(x.id)));
  return { plans, results, verify: plans.some((p) => !p.exact) };
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// A clean excerpt of the readable text around the first match, every match highlighted.
function makeExcerpt(text, plans, bodyAt) {
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
  const skip = Math.min(bodyAt || 0, text.length);
  const first = spans.find((s) => s[0] >= skip) || spans[0];
  const center = first ? first[0] : skip;
  const chars = Array.from(text);
  // work in UTF-16 offsets; the window is about 110 characters
  let start = Math.max(skip > center ? 0 : skip, center - 36);
  let end = Math.min(text.length, start + 110);
  if (end - start < 110) start = Math.max(0, end - 110);
  if (chars.length !== text.length) {
    // avoid cutting a surrogate pair
    if (/[\uDC00-\uDFFF]/.test(text[start] || "")) start -= 1;
    if (/[\uDC00-\uDFFF]/.test(text[end] || "")) end += 1;
  }
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

// The readable text of a result: build_index stores it as the fragment's content (the
// index itself holds tokens).
function fragmentText(data) {
  return (data.meta && data.meta.text) || data.content || "";
}

function shape(data, plans) {
  const meta = data.meta || {};
  const title = meta.title || data.url;
  const text = fragmentText(data);
  return {
    url: BASE.replace(/\/$/, "") + data.url,
    title,
    excerpt: makeExcerpt(text, plans, parseInt(meta.body_at || "0", 10)),
    source: meta.source || "",
    date: meta.date || "",
  };
}

const cache = new Map();

async function siteSearch(query, options = {}) {
  const filters = cleanFilters(options.filters);
  const limit = options.limit ?? Infinity;
  const key = JSON.stringify([query, filters]);
  let state = cache.get(key);
  if (!state) {
    state = { ranked: await rankedResults(query, filters), checked: [], next: 0, rejected: 0 };
    cache.set(key, state);
    if (cache.size > 50) cache.delete(cache.keys().next().value);
  }
  const { plans, results, verify } = state.ranked;
  // When the part plans are exact, every candidate contains the query; each shown result is
  // still checked on its text (so no page without the query is ever shown). When a plan is
  // not exact, all candidates are checked before counting.
  const want = verify ? Infinity : limit;
  while (state.checked.length < want && state.next < results.length) {
    const batch = results.slice(state.next, state.next + Math.min(want - state.checked.length, 20));
    state.next += batch.length;
    const datas = await Promise.all(batch.map((r) => r.data()));
    for (const data of datas) {
      if (!plans.length || textMatches(plans, fragmentText(data))) {
        state.checked.push(shape(data, plans));
      } else {
        state.rejected += 1;
      }
    }
  }
  const out = state.checked.slice(0, limit);
  out.total = verify ? state.checked.length : results.length - state.rejected;
  return out;
}

// Ranked page ids only (cheap: no fragments), for tests and benchmarks over large archives.
siteSearch.ranked = async (query, options = {}) => {
  const r = await rankedResults(query, cleanFilters(options.filters));
  return { ids: r.results.map((x) => x.id), verify: r.verify };
};
siteSearch.ready = async () => { await getPagefind(); return true; };
siteSearch.normalize = normalize;
siteSearch.planQuery = planQuery;
siteSearch.matches = (query, text) => {
  const plans = planQuery(query);
  return plans.length > 0 && textMatches(plans, text);
};
window.siteSearch = siteSearch;

// ---- the page's UI -------------------------------------------------------------------
const PAGE = 10;

function setupUi() {
  if (!root) return;
  const form = root.querySelector("form");
  const input = root.querySelector("#search-input");
  const status = root.querySelector("#search-status");
  const list = root.querySelector("#search-results");
  const more = root.querySelector("#search-more");
  const selects = Array.from(root.querySelectorAll("select[data-filter]"));
  let shown = PAGE;
  let generation = 0;

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";

  function currentFilters() {
    const f = {};
    for (const s of selects) if (s.value) f[s.dataset.filter] = s.value;
    return f;
  }

  // The options of the filters are written into the page by the build (taxonomies with
  // their counts), so nothing is downloaded for them; restore the reader's choice.
  function restoreFilters() {
    for (const s of selects) {
      const wanted = params.get(s.dataset.filter) || "";
      if (Array.from(s.options).some((o) => o.value === wanted)) s.value = wanted;
    }
  }

  function updateUrl(query, filters) {
    const p = new URLSearchParams();
    if (query) p.set("q", query);
    for (const [k, v] of Object.entries(filters)) p.set(k, v);
    const qs = p.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  }

  async function run() {
    const query = input.value.trim();
    const filters = currentFilters();
    const mine = ++generation;
    updateUrl(query, filters);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = "正在搜索……";
    root.setAttribute("aria-busy", "true");
    let results;
    try {
      results = await siteSearch(query, { filters, limit: shown });
    } catch (err) {
      if (mine === generation) status.textContent = "搜索出错，请稍后再试。";
      root.removeAttribute("aria-busy");
      return;
    }
    if (mine !== generation) return;
    root.removeAttribute("aria-busy");
    const what = query ? `包含“${query}”的` : "";
    status.textContent = results.total
      ? `找到 ${results.total} 篇${what}文章`
      : `没有找到${what}文章`;
    list.replaceChildren(...results.map(renderResult));
    more.hidden = results.length >= results.total;
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
    if (r.source || r.date) {
      const meta = document.createElement("p");
      meta.className = "search-result-meta";
      const parts = [];
      if (r.source) parts.push(r.source);
      if (r.date) {
        const [y, m, d] = r.date.split("-").map(Number);
        parts.push(y && m && d ? `${y}年${m}月${d}日` : r.date);
      }
      meta.textContent = parts.join(" · ");
      li.append(meta);
    }
    const p = document.createElement("p");
    p.className = "search-result-excerpt";
    p.innerHTML = r.excerpt; // built from escaped text and <mark> only
    li.append(p);
    return li;
  }

  let timer = null;
  input.addEventListener("input", () => {
    shown = PAGE;
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    shown = PAGE;
    run();
  });
  for (const s of selects) s.addEventListener("change", () => { shown = PAGE; run(); });
  more.addEventListener("click", () => { shown += PAGE; run(); });

  restoreFilters();
  getPagefind().catch(() => { status.textContent = "搜索索引加载失败。"; });
  if (input.value || Object.keys(currentFilters()).length) run();
}

setupUi();
