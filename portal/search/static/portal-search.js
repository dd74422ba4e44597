/* Portal search in the browser: loads only the index shards a query needs (via <script>, so file:// works too). */
/*
 * Usage: <input type="search" data-portal-search> (any number per page) and
 *   <script src="../../assets/portal-search.js" data-portal-search-root="../../" data-portal-search-lang="zh"></script>
 * data-portal-search-root is the path from the page to the language root (where search-index/ lives); it may also be
 * set on <html>. The language falls back to <html lang>. No dependencies, no fetch/XHR, no workers, no eval.
 *
 * Tokenisation mirrors portal/search/tokens.py exactly (normalize, runs, latinParts, stem, STOPWORDS, compact,
 * fnv1a); tests/search compares the two on the same strings.
 */
(function () {
  "use strict";

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var RUN = new RegExp("([" + HAN + "]+)|([0-9a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f]+)", "g");
  var STOPWORDS = Object.create(null);
  "a an and are as at be by for from in into is it its of on or that the this to was were with".split(" ")
    .forEach(function (w) { STOPWORDS[w] = true; });
  var PREFIX_MIN = 3, PREFIX_MAX = 10;
  var PAGE_SIZE = 10;
  var MAX_REQUIRED = 24;

  // Ranking: title > keyword > body, each times the token's idf; the sum times the record's boost.
  var W_TITLE = 8, W_KEYWORD = 4;
  var TITLE_LENGTH = [1, 0.9, 0.8, 0.7];
  var BODY_TF = [1, 1.3, 1.6, 2];
  var W_WHOLE_RUN = 1, W_COMPACT = 3, W_SINGLE_HAN = 0.5;

  // Words shown by the search box: generated at build time from portal/words/ui.yml as assets/portal-words.js
  // (window.PortalWords by language, loaded before this script); without it the box shows no labels but searches.
  var SEPARATOR = " · ";
  var T = { label: "", results: "", none: "", more: "", loading: "", failed: "", page: "" };
  function countText(n) {
    var forms = T.count || {};
    return String((n === 1 ? forms.one : forms.other) || n).replace("{n}", n);  // plural rule: portal/words plural_form
  }

  // ---- tokenisation (twin of portal/search/tokens.py) ------------------------------------------------------------

  function normalize(text) { return text.normalize("NFKC").toLowerCase(); }

  function runs(normalized) {
    var out = [], m;
    RUN.lastIndex = 0;
    while ((m = RUN.exec(normalized)) !== null) out.push(m[1] ? ["han", m[1]] : ["latin", m[2]]);
    return out;
  }

  function latinParts(run) { return run.match(/[0-9]+|[^0-9]+/g) || []; }

  function bigrams(run) {
    var out = [];
    for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  }

  function isConsonant(word, i) {
    var c = word.charAt(i);
    if ("aeiou".indexOf(c) >= 0) return false;
    if (c === "y") return i === 0 || !isConsonant(word, i - 1);
    return true;
  }

  function measure(stem) {
    var count = 0, previousVowel = false;
    for (var i = 0; i < stem.length; i++) {
      var vowel = !isConsonant(stem, i);
      if (previousVowel && !vowel) count++;
      previousVowel = vowel;
    }
    return count;
  }

  function hasVowel(stem) {
    for (var i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
    return false;
  }

  function doubleConsonant(w) {
    return w.length >= 2 && w.charAt(w.length - 1) === w.charAt(w.length - 2) && isConsonant(w, w.length - 1);
  }

  function cvc(w) {
    var n = w.length;
    return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) &&
      "wxy".indexOf(w.charAt(n - 1)) < 0;
  }

  function ends(w, suffix) { return w.length >= suffix.length && w.slice(-suffix.length) === suffix; }

  /** Porter's step 1 (1a, 1b, 1c) on a lower-case ASCII word. */
  function stem(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    if (ends(word, "sses") || ends(word, "ies")) word = word.slice(0, -2);
    else if (ends(word, "ss")) { /* unchanged */ }
    else if (ends(word, "s")) word = word.slice(0, -1);
    var fixup = false;
    if (ends(word, "eed")) {
      if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
    } else if (ends(word, "ed") && hasVowel(word.slice(0, -2))) {
      word = word.slice(0, -2); fixup = true;
    } else if (ends(word, "ing") && hasVowel(word.slice(0, -3))) {
      word = word.slice(0, -3); fixup = true;
    }
    if (fixup) {
      if (ends(word, "at") || ends(word, "bl") || ends(word, "iz")) word += "e";
      else if (doubleConsonant(word) && "lsz".indexOf(word.charAt(word.length - 1)) < 0) word = word.slice(0, -1);
      else if (measure(word) === 1 && cvc(word)) word += "e";
    }
    if (ends(word, "y") && hasVowel(word.slice(0, -1))) word = word.slice(0, -1) + "i";
    return word;
  }

  var CN_DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var CN_UNITS = { "十": 10, "百": 100, "千": 1000, "万": 10000 };
  var DOC_NUMBER = /第([零〇一二两三四五六七八九十百千万]+)号/g;

  function chineseNumeral(text) {
    var chars = Array.from(text), i;
    if (!chars.some(function (c) { return c in CN_UNITS; })) {
      return parseInt(chars.map(function (c) { return String(CN_DIGITS[c]); }).join(""), 10);
    }
    var total = 0, section = 0, digit = 0;
    for (i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (c in CN_DIGITS) digit = CN_DIGITS[c];
      else if (c === "万") { total += (section + digit) * 10000; section = 0; digit = 0; }
      else { section += (digit || 1) * CN_UNITS[c]; digit = 0; }
    }
    return total + section + digit;
  }

  function arabicDocNumbers(text) {
    return text.replace(DOC_NUMBER, function (_, numeral) { return "第" + chineseNumeral(numeral) + "号"; });
  }

  function compact(text) {
    return arabicDocNumbers(runs(normalize(text)).map(function (r) { return r[1]; }).join(""));
  }

  function fnv1a(token) {
    var h = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** Index-side tokens without jieba words (used by the tests to compare with tokens.py). */
  function textTokens(text, title) {
    var out = [];
    runs(normalize(text)).forEach(function (r) {
      var run = r[1];
      if (r[0] === "han") {
        if (run.length === 1) { if (title) out.push(run); return; }
        out.push.apply(out, bigrams(run));
        if (title) out.push.apply(out, run.split(""));
        return;
      }
      latinParts(run).forEach(function (part) {
        if (/^[0-9]+$/.test(part)) { out.push(part); return; }
        if (STOPWORDS[part]) return;
        out.push(stem(part));
        if (title && part.length > PREFIX_MIN) {
          for (var end = PREFIX_MIN; end < Math.min(part.length, PREFIX_MAX + 1); end++) {
            out.push(">" + part.slice(0, end));
          }
        }
      });
    });
    return out;
  }

  // ---- query vocabulary, citations, segmentation, pinyin (twins of portal/search/vocabulary.py) -------------------

  var KIND_BOOST = 2.5, W_OPTIONAL = 0.5, W_CROSSING = 0.5;
  var CITE_ZH = /(?:第\s*([0-9]+|[零〇一二两三四五六七八九十百千]+)|([0-9]+))\s*条(?!例)/;
  var CITE_EN = /(^|[^0-9a-z])(?:article|art\.?|§)\s*([0-9]+)(?![0-9])/;
  var vocabWords = null, segWords = null, docKinds = null;
  // The vocabulary terms loaded so far (v<i>.js files, by the pairs of characters of the queries typed): term order ->
  // [id, words, kind, optional]; and the files loaded.
  var vocabTerms = Object.create(null), vocabLoaded = Object.create(null);

  /** The loaded vocabulary as [{word, ids: concept tokens, kind, optional}], longest word first. */
  function vocabulary() {
    if (vocabWords) return vocabWords;
    if (!manifest) return [];
    var byWord = Object.create(null);
    Object.keys(vocabTerms).map(Number).sort(function (x, y) { return x - y; }).forEach(function (order) {
      var term = vocabTerms[order];
      term[1].forEach(function (word) {
        var entry = byWord[word] || (byWord[word] = { word: word, ids: [], kind: "", optional: false, terms: [] });
        entry.terms.push(term);
        if (term[2]) entry.kind = term[2];
        else {
          if (term[3]) entry.optional = true;
          entry.ids.push("~" + term[0]);
        }
      });
    });
    vocabWords = Object.keys(byWord).map(function (w) { return byWord[w]; })
      .sort(function (x, y) { return y.word.length - x.word.length || (x.word < y.word ? -1 : 1); });
    return vocabWords;
  }

  /** The vocabulary files a query needs and has not loaded: a word is filed under its first two characters (builder
   * vocab_shards), so one file per pair of characters of the query (and per character when some word has one). */
  function vocabFiles(query) {
    if (!manifest || !manifest.vocabShards) return [];
    var joined = runs(citation(normalize(query)).rest).map(function (p) { return p[1]; }).join(" "), names = [];
    function add(key) {
      var name = "v" + (fnv1a(key) % manifest.vocabShards);
      if (!vocabLoaded[name] && names.indexOf(name) < 0) names.push(name);
    }
    for (var i = 0; i + 1 < joined.length; i++) if (joined.charAt(i) !== " ") add(joined.substr(i, 2));
    if (manifest.vocabOne) for (i = 0; i < joined.length; i++) if (joined.charAt(i) !== " ") add(joined.charAt(i));
    return names;
  }

  /** Loads the vocabulary files of a query; resolves null when the index was rebuilt meanwhile. */
  function loadVocab(query) {
    var names = vocabFiles(query);
    if (!names.length) return Promise.resolve(true);
    return loadShards(names).then(function (shards) {
      if (shards === null) return null;
      shards.forEach(function (terms, k) {
        vocabLoaded[names[k]] = true;
        terms.forEach(function (term) { vocabTerms[term[0]] = term.slice(1); });
      });
      vocabWords = null;
      return true;
    });
  }

  /** The article number a query cites ("第二十一条", "第21条", "21条", "article 21", "art. 21") and the query
   * without it; number "" when it cites none. */
  function citation(norm) {
    var m = CITE_ZH.exec(norm);
    if (m) {
      var digits = m[1] || m[2];
      var n = /^[0-9]+$/.test(digits) ? parseInt(digits, 10) : chineseNumeral(digits);
      return { number: String(n), rest: norm.slice(0, m.index) + " " + norm.slice(m.index + m[0].length) };
    }
    m = CITE_EN.exec(norm);
    if (m) return { number: String(parseInt(m[2], 10)), rest: norm.slice(0, m.index) + m[1] + " " + norm.slice(m.index + m[0].length) };
    return { number: "", rest: norm };
  }

  /** Vocabulary words found in the joined query (longest first, not overlapping): [{start, end, entry}]. */
  function vocabSpans(joined) {
    var spans = [], taken = new Uint8Array(joined.length);
    vocabulary().forEach(function (entry) {
      var w = entry.word, from = 0, at;
      while ((at = joined.indexOf(w, from)) >= 0) {
        from = at + 1;
        var end = at + w.length;
        if (/^[0-9a-z]/.test(w) && at > 0 && /[0-9a-z]/.test(joined.charAt(at - 1))) continue;
        if (/[0-9a-z]$/.test(w) && end < joined.length && /[0-9a-z]/.test(joined.charAt(end))) continue;
        var free = true;
        for (var i = at; i < end; i++) if (taken[i]) { free = false; break; }
        if (!free) continue;
        for (i = at; i < end; i++) taken[i] = 1;
        spans.push({ start: at, end: end, entry: entry });
      }
    });
    return spans;
  }

  function spanAt(spans, start, end) {
    for (var i = 0; i < spans.length; i++) if (spans[i].start <= start && end <= spans[i].end) return spans[i];
    return null;
  }

  /** A Han run cut into words by forward maximum matching on the titles' words and the vocabulary's (w0.js):
   * [start, end) pairs within the run; characters no word covers stand alone. */
  function segment(run, spans, offset) {
    var out = [], i = 0;
    while (i < run.length) {
      var span = null;
      for (var s = 0; s < spans.length; s++) if (spans[s].start === offset + i) { span = spans[s]; break; }
      if (span && span.end - offset <= run.length) { out.push([i, span.end - offset]); i = span.end - offset; continue; }
      var best = 1;
      if (segWords) {
        for (var len = Math.min(8, run.length - i); len >= 2; len--) {
          if (segWords[run.substr(i, len)]) { best = len; break; }
        }
      }
      out.push([i, i + best]);
      i += best;
    }
    return out;
  }

  /** All words of the vocabulary terms behind a span (受限空间 -> 有限空间, 密闭空间, confined space ...). */
  function spanWords(span) {
    var words = [];
    span.entry.terms.forEach(function (term) { words.push.apply(words, term[1]); });
    return words;
  }

  /**
   * A query as terms: a document matching every required term (any of its alternative tokens, in any field) ranks
   * above one matching fewer; bonus terms only add to the score. Vocabulary words add their concept token as an
   * alternative (受限空间 also matches documents with 有限空间); kind and question words are bonus terms; a cited
   * article number is a required §n term; bigrams that cross a word boundary of a query typed without spaces are
   * bonus terms. Needles are the words highlighted in titles and snippets (words, never a bigram inside a word).
   */
  function parseQuery(raw) {
    var cited = citation(normalize(raw)), pieces = runs(cited.rest);
    var typing = !/\s$/.test(raw);
    var required = [], bonus = [], soft = [], needles = [], pieceNeedles = Object.create(null), kind = "";
    var joined = "", starts = [];
    pieces.forEach(function (p, i) { if (i) joined += " "; starts.push(joined.length); joined += p[1]; });
    var spans = vocabSpans(joined);
    var latinWords = [];
    pieces.forEach(function (p) { if (p[0] === "latin") latinWords.push.apply(latinWords, latinParts(p[1])); });
    var allStop = latinWords.length > 0 && pieces.every(function (p) { return p[0] === "latin"; }) &&
      latinWords.every(function (w) { return /^[0-9]+$/.test(w) || STOPWORDS[w]; });
    spans.forEach(function (span) {
      if (span.entry.kind) kind = span.entry.kind;
      if (!span.entry.kind && !span.entry.optional) needles.push.apply(needles, spanWords(span));
    });
    function addTerm(tokens, span, fallbackWeight) {
      if (span && (span.entry.kind || span.entry.optional)) {  // kind words rank by kind, not by their text
        soft.push({ alts: tokens.concat(span.entry.ids), kind: !!span.entry.kind });
        return;
      }
      if (fallbackWeight) { tokens.forEach(function (t) { bonus.push({ token: t, weight: fallbackWeight }); }); return; }
      required.push({ alts: tokens.concat(span ? span.entry.ids : []) });
    }
    pieces.forEach(function (p, pi) {
      var run = p[1], offset = starts[pi];
      if (p[0] === "han") {
        needles.push(run);
        if (run.length === 1) {
          var one = spanAt(spans, offset, offset + 1);
          if (one) addTerm([run], one, 0);
          else if (pieces.length === 1 && !cited.number) required.push({ alts: [run] });
          else bonus.push({ token: run, weight: W_SINGLE_HAN });
          return;
        }
        var words = segment(run, spans, offset), ends = Object.create(null), single = Object.create(null);
        words.forEach(function (w) {
          ends[w[1]] = true;
          if (w[1] - w[0] === 1) single[w[0]] = true;
          if (w[1] - w[0] >= 2) needles.push(run.slice(w[0], w[1]));
        });
        pieceNeedles[run] = words.filter(function (w) { return w[1] - w[0] >= 2; })
          .map(function (w) { return run.slice(w[0], w[1]); });
        for (var i = 0; i + 1 < run.length; i++) {
          var g = run.slice(i, i + 2), span = spanAt(spans, offset + i, offset + i + 2);
          // a bigram across the edge of a vocabulary word (火警|电话) or between two words of the titles is no word
          var straddles = !span && (spanAt(spans, offset + i, offset + i + 1) || spanAt(spans, offset + i + 1, offset + i + 2));
          var crossing = !span && (straddles || (ends[i + 1] && !single[i] && !single[i + 1]));
          addTerm([g], span, crossing ? W_CROSSING : 0);
        }
        if (run.length >= 3) bonus.push({ token: run, weight: W_WHOLE_RUN });
        return;
      }
      var parts = latinParts(run), at = offset;
      parts.forEach(function (part, qi) {
        var span = spanAt(spans, at, at + part.length);
        at += part.length;
        needles.push(part);
        if (/^[0-9]+$/.test(part)) { addTerm([part], span, 0); return; }
        if (STOPWORDS[part] && !allStop) return;
        var s = stem(part), alts = [s];
        if (s.length >= PREFIX_MIN) needles.push(s.replace(/i$/, ""));
        var last = pi === pieces.length - 1 && qi === parts.length - 1;
        if (last && typing && part.length >= PREFIX_MIN) alts.push(">" + part.slice(0, PREFIX_MAX));
        addTerm(alts, span, 0);
      });
    });
    if (!required.length && !cited.number && soft.length) {  // only kind or question words (电话, deadline): required
      required = soft.map(function (t) { return { alts: t.alts }; }); soft = []; kind = "";
    }
    soft.forEach(function (t) {
      if (!t.kind) t.alts.forEach(function (token) { bonus.push({ token: token, weight: W_OPTIONAL }); });
    });
    if (!required.length) {  // only single characters (煤 矿): they must match, in titles
      bonus = bonus.filter(function (b) {
        if (b.weight !== W_SINGLE_HAN) return true;
        required.push({ alts: [b.token] });
        return false;
      });
    }
    while (required.length > MAX_REQUIRED) {
      required.pop().alts.forEach(function (t) { bonus.push({ token: t, weight: 1 }); });
    }
    if (cited.number) {
      required.unshift({ alts: ["§" + cited.number] });
      needles.push("第" + cited.number + "条", "article " + cited.number);
    }
    var key = compact(raw);
    if (key.length >= 2 && /[0-9号]/.test(key)) bonus.push({ token: "#" + key, weight: W_COMPACT });
    needles = needles.filter(function (n, i) { return n && needles.indexOf(n) === i; })
      .sort(function (x, y) { return y.length - x.length; });
    return { required: required, bonus: bonus, needles: needles, pieceNeedles: pieceNeedles, kind: kind,
      article: cited.number, rest: cited.rest };
  }

  /** The needles to mark in one text: a typed Han run found whole there is marked whole, not also word by word. */
  function needlesFor(text, parsed) {
    var lower = text.toLowerCase(), skip = Object.create(null);
    Object.keys(parsed.pieceNeedles).forEach(function (run) {
      if (lower.indexOf(run) < 0) return;
      parsed.pieceNeedles[run].forEach(function (g) { if (g !== run) skip[g] = true; });
    });
    return parsed.needles.filter(function (n) { return !skip[n]; });
  }

  /** The sound an input-method typo keeps: zh/ch/sh -> z/c/s, a final -ng -> -n (twin of vocabulary.fuzzy). */
  function fuzzy(syllable) {
    var s = syllable.replace(/^([zcs])h/, "$1");
    return /ng$/.test(s) ? s.slice(0, -1) : s;
  }

  /** Letters typed as pinyin cut into syllables of the table (longest first, backtracking); null if they are not. */
  function pinyinSyllables(letters, known) {
    var memo = Object.create(null);
    function from(i) {
      if (i === letters.length) return [];
      if (i in memo) return memo[i];
      memo[i] = null;
      for (var len = Math.min(6, letters.length - i); len >= 1; len--) {
        var s = letters.substr(i, len);
        if (!known[s]) continue;
        var rest = from(i + len);
        if (rest) { memo[i] = [s].concat(rest); break; }
      }
      return memo[i];
    }
    return from(0);
  }

  /** The query as pinyin keys (@ + two fuzzy syllables), from Han characters or typed pinyin; null if not possible. */
  function pinyinQuery(parsed, table) {
    var known = Object.create(null), syllables = [], ok = true;
    Object.keys(table).forEach(function (c) { known[table[c]] = true; });
    runs(parsed.rest).forEach(function (p) {
      if (!ok) return;
      if (p[0] === "han") {
        Array.from(p[1]).forEach(function (c) { if (table[c]) syllables.push(table[c]); else ok = false; });
        return;
      }
      if (/[0-9]/.test(p[1])) { ok = false; return; }
      var cut = pinyinSyllables(p[1], known);
      if (cut) syllables.push.apply(syllables, cut); else ok = false;
    });
    if (!ok || syllables.length < 2) return null;
    var required = [];
    for (var i = 0; i + 1 < syllables.length; i++) required.push({ alts: ["@" + fuzzy(syllables[i]) + fuzzy(syllables[i + 1])] });
    if (parsed.article) required.unshift({ alts: ["§" + parsed.article] });
    return { required: required.slice(0, MAX_REQUIRED), bonus: [], kind: parsed.kind };
  }

  // ---- index loading -----------------------------------------------------------------------------------------------

  var currentScript = document.currentScript;
  function setting(name) {
    var v = currentScript && currentScript.getAttribute(name);
    if (v === null || v === undefined) v = document.documentElement.getAttribute(name);
    return v;
  }
  var root = setting("data-portal-search-root");
  if (root === null || root === undefined) root = "./";
  if (root !== "" && root.slice(-1) !== "/") root += "/";
  var langSetting = setting("data-portal-search-lang") || document.documentElement.getAttribute("lang") || "en";
  var lang = /^zh/i.test(langSetting) ? "zh" : "en";
  if (window.PortalWords && window.PortalWords[lang]) T = window.PortalWords[lang];
  var indexBase = root + (setting("data-portal-search-index") || "search-index/");
  var isFile = location.protocol === "file:";

  var store = Object.create(null), pending = Object.create(null), loadLog = [];
  var manifestPromise = null, manifest = null, boosts = null;

  function loadScript(name, src) {
    if (pending[name]) return pending[name];
    pending[name] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () {
        s.remove();
        if (name in store) resolve(store[name]);
        else { delete pending[name]; reject(new Error("search index file did not register: " + src)); }
      };
      s.onerror = function () {
        s.remove();
        delete pending[name];
        reject(new Error("search index file missing: " + src));
      };
      loadLog.push(s.src);
      document.head.appendChild(s);
    });
    return pending[name];
  }

  /** The numbers of a string in the postings' variable-length code (5 bits a character, the sixth: more follows). */
  function decodeNumbers(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var c = DIGIT[text.charCodeAt(i)];
      value |= (c & 31) << shift;
      if (c & 32) shift += 5;
      else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  function loadManifest(fresh) {
    if (manifestPromise && !fresh) return manifestPromise;
    if (fresh) { delete store.manifest; delete pending.manifest; }
    var bust = fresh && !isFile ? "?r=" + Date.now() : "";
    manifestPromise = loadScript("manifest", indexBase + "manifest.js" + bust).then(function (m) {
      if (manifest && manifest.build !== m.build) {  // rebuilt since: drop the old build's shards
        var kept = pending.manifest;
        store = Object.create(null); store.manifest = m;
        pending = Object.create(null); pending.manifest = kept;
      }
      manifest = m;
      vocabWords = null; docKinds = null; segWords = null; docShards = Object.create(null);
      vocabTerms = Object.create(null); vocabLoaded = Object.create(null);
      boosts = new Float32Array(m.docs).fill(1);
      // [values, runs]: per run of documents with a boost other than 1, three numbers (builder._boost_runs):
      // documents skipped since the previous run, its length - 1, the index of its value
      var numbers = decodeNumbers(m.boosts[1]), after = 0;
      for (var k = 0; k + 2 < numbers.length; k += 3) {
        var first = after + numbers[k], last = first + numbers[k + 1];
        boosts.fill(m.boosts[0][numbers[k + 2]], first, last + 1);
        after = last + 1;
      }
      return m;
    });
    manifestPromise.catch(function () { manifestPromise = null; });
    return manifestPromise;
  }

  function shardOf(token) {
    var own = Object.prototype.hasOwnProperty.call(manifest.solo, token);
    return own ? "s" + manifest.solo[token] : "t" + (fnv1a(token) % manifest.shards);
  }

  function loadShard(name) { return loadScript(name, indexBase + manifest.build + "/" + name + ".js"); }

  var refreshing = null;  // {build, promise}: the one fresh manifest load for a build found stale

  function refreshManifest(stale) {
    if (!refreshing || refreshing.build !== stale) refreshing = { build: stale, promise: loadManifest(true) };
    return refreshing.promise;
  }

  function loadShards(names) {
    var before = manifest.build;
    return Promise.all(names.map(loadShard)).catch(function (error) {
      // A cached manifest of an earlier build points at files that are gone: reload it once (token and vocabulary
      // files fail together: one reload), then retry.
      if (isFile) throw error;
      return refreshManifest(before).then(function (m) {
        if (m.build === before) throw error;
        return null;
      });
    });
  }

  function docShardIndex(id) {
    var starts = manifest.docStarts, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The texts of a doc shard: base-64 of zlib-compressed JSON (builder.pack_texts), unpacked by the browser's
   * DecompressionStream; a browser without it shows hits without snippets. */
  function unpackTexts(packed, count) {
    var none = function () { return new Array(count).fill(""); };
    if (typeof DecompressionStream === "undefined" || typeof Response === "undefined") return Promise.resolve(none());
    try {
      var binary = atob(packed), bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
      return new Response(stream).text().then(JSON.parse).catch(none);
    } catch (error) {
      return Promise.resolve(none());
    }
  }

  var docShards = Object.create(null);  // name -> promise of [records, texts]

  function loadDocShard(name) {
    if (!docShards[name]) {
      docShards[name] = loadShard(name).then(function (payload) {
        return unpackTexts(payload[1], payload[0].length).then(function (texts) { return [payload[0], texts]; });
      });
      docShards[name].catch(function () { delete docShards[name]; });
    }
    return docShards[name];
  }

  /** One promise per id (all shards requested at once), so hits can be shown as their shard arrives. */
  function getDocs(ids) {
    return ids.map(function (id) {
      var shard = docShardIndex(id), name = "d" + shard;
      return loadDocShard(name).then(function (loaded) {
        var at = id - manifest.docStarts[shard], rec = loaded[0][at];
        return { id: id, title: rec[0], url: rec[1], kind: rec[2], badge: rec[3], section: rec[4],
          text: loaded[1][at] || "" };
      });
    });
  }

  // ---- scoring -----------------------------------------------------------------------------------------------------

  function idf(df) { return Math.log(1 + (manifest.docs - df + 0.5) / (df + 0.5)); }

  /** Adds one token's postings to score (times weight) and sets bit in mask for every document that has it. */
  function applyPostings(entry, weight, bit, score, mask) {
    var pos = 0, n = entry.length, c, v, shift, field = -1, doc = -1;
    for (v = 0, shift = 0; pos < n && (c = DIGIT[entry.charCodeAt(pos++)]) & 32; shift += 5) v |= (c & 31) << shift;
    var w = idf(v | ((c & 31) << shift)) * weight;  // the first number is the document frequency
    while (pos < n) {
      if (entry.charCodeAt(pos) === 44) { pos++; field++; doc = -1; continue; }  // "," starts the next field
      for (v = 0, shift = 0; (c = DIGIT[entry.charCodeAt(pos++)]) & 32; shift += 5) v |= (c & 31) << shift;
      v |= (c & 31) << shift;
      if (field === 2) { doc += v + 1; score[doc] += w * W_KEYWORD; }
      else {
        doc += (v >> 2) + 1;
        score[doc] += field === 0 ? w * BODY_TF[v & 3] : w * W_TITLE * TITLE_LENGTH[v & 3];
      }
      mask[doc] |= bit;
    }
  }

  /** Kind of every doc id (from the manifest's kind runs), for the kind boost. */
  function kindOf(d) {
    if (!docKinds) {
      docKinds = new Array(manifest.docs);
      (manifest.kindRuns || []).forEach(function (r) { for (var i = r[0]; i <= r[1]; i++) docKinds[i] = r[2]; });
    }
    return docKinds[d];
  }

  function popcount(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  /** Scores parsed terms: per required term the better of its alternatives (a typed prefix and the whole word are
   * one term, not added up), bonus terms added. Returns {score, mask}. */
  function scoreTerms(parsed, lookup) {
    var N = manifest.docs, score = new Float32Array(N), mask = new Int32Array(N);
    var term = new Float32Array(N), alt = new Float32Array(N), ignored = new Int32Array(N);
    parsed.required.forEach(function (t, i) {
      term.fill(0);
      t.alts.forEach(function (token) {
        var e = lookup(token);
        if (!e) return;
        alt.fill(0);
        applyPostings(e, 1, 0, alt, ignored);
        for (var d = 0; d < N; d++) if (alt[d] > term[d]) term[d] = alt[d];
      });
      var bit = 1 << i;
      for (var d = 0; d < N; d++) if (term[d] > 0) { score[d] += term[d]; mask[d] |= bit; }
    });
    parsed.bonus.forEach(function (b) {
      var e = lookup(b.token);
      if (e) applyPostings(e, b.weight, 0, score, ignored);
    });
    return { score: score, mask: mask };
  }

  /** Every matching document id, best first, with .value[id] its final score and .partial when no document matched
   * every required term. Documents matching all required terms come first (by score times boost, times the kind
   * boost when the query named their kind; ties keep build order); when none does, documents matching some of them
   * are ranked by how many they match, then by score: a query never comes back empty while a word of it matches.
   * The one ranking rule of the header box, PortalSearch.query and the results page. */
  function rankAll(score, mask, termCount, kind) {
    var full = termCount >= 31 ? -1 : (1 << termCount) - 1, N = mask.length;
    var hits = [], partial = [], count = new Uint8Array(N);
    for (var d = 0; d < N; d++) {
      if (mask[d] === 0) continue;
      if (mask[d] === full) hits.push(d);
      else { partial.push(d); count[d] = popcount(mask[d]); }
    }
    var isPartial = !hits.length;
    if (isPartial) hits = partial;
    var value = new Float64Array(N);
    hits.forEach(function (d) { value[d] = score[d] * boosts[d] * (kind && kindOf(d) === kind ? KIND_BOOST : 1); });
    hits.sort(function (x, y) { return count[y] - count[x] || value[y] - value[x] || x - y; });
    hits.value = value;
    hits.partial = isPartial;
    return hits;
  }

  /** The titles' and vocabulary's words (w0.js), for cutting a query typed without spaces. */
  function loadWords() {
    return loadShard("w0").then(function (words) {
      if (!segWords) {
        segWords = Object.create(null);
        words.forEach(function (w) { segWords[w] = true; });
      }
    });
  }

  function tokensOf(parsed) {
    var tokens = [];
    parsed.required.forEach(function (t) { tokens.push.apply(tokens, t.alts); });
    parsed.bonus.forEach(function (b) { tokens.push(b.token); });
    return tokens;
  }

  function lookupToken(t) {
    var s = store[shardOf(t)];
    return s && Object.prototype.hasOwnProperty.call(s, t) ? s[t] : null;
  }

  function loadTokens(tokens) {
    var names = tokens.map(shardOf);
    return loadShards(names.filter(function (x, i) { return names.indexOf(x) === i; }));
  }

  /** When no document matched every word: the query as pinyin keys (same-sound typos 有线空间, 安全生厂法; pinyin
   * typed: youxian kongjian). Documents matching all of those rank first. Resolves ranked ids or null. */
  function repairBySound(parsed) {
    return loadShard("p0").then(function (table) {
      var sound = pinyinQuery(parsed, table);
      if (!sound) return null;
      return loadTokens(tokensOf(sound)).then(function (ok) {
        if (ok === null) return null;
        var scored = scoreTerms(sound, lookupToken);
        var ranked = rankAll(scored.score, scored.mask, sound.required.length, sound.kind);
        return ranked.partial ? null : ranked;
      });
    });
  }

  /**
   * Scores the query; resolves (null for an empty query) once the ranking is known with {total, docs: a promise per
   * hit, ready: a promise of the result with hits (all documents loaded)}.
   */
  function run(query, limit) {
    var started = performance.now(), loadsBefore = loadLog.length;
    if (!parseQuery(query).required.length) return Promise.resolve(null);
    var timing = {};
    return loadManifest().then(function () {
      timing.manifest = performance.now() - started;
      // the words of the titles cut a query typed without spaces (天津港爆炸事故 -> 天津港 爆炸 事故) and the vocabulary
      // files of the query's pairs of characters add concept tokens: the token files of the query as parsed so far
      // load at the same time, then those the words and the vocabulary add (few, often none)
      var first = parseQuery(query);
      var needWords = !segWords && /[\u3400-\u9fff\uf900-\ufaff]{3,}/.test(normalize(query));
      return Promise.all([loadTokens(tokensOf(first)), loadVocab(query), needWords ? loadWords() : null]).then(function (loaded) {
        if (loaded[0] === null || loaded[1] === null) return { again: true };
        var parsed = parseQuery(query);
        return loadTokens(tokensOf(parsed)).then(function (ok) { return ok === null ? { again: true } : { parsed: parsed }; });
      }).then(function (step) {
        if (step.again) return run(query, limit);  // index was rebuilt: start again with the new manifest
        var parsed = step.parsed;
        timing.tokens = performance.now() - started;
        var scored = scoreTerms(parsed, lookupToken);
        var ranked = rankAll(scored.score, scored.mask, parsed.required.length, parsed.kind);
        var repair = ranked.partial ? repairBySound(parsed) : Promise.resolve(null);
        return repair.then(function (sound) {
          if (sound) {  // the sound's full matches first, then the partial matches of the words
            var seen = Object.create(null), value = ranked.value;
            sound.forEach(function (d) { seen[d] = true; value[d] = Math.max(value[d], sound.value[d]); });
            var merged = sound.concat(ranked.filter(function (d) { return !seen[d]; }));
            merged.value = value;
            merged.partial = false;
            merged.repaired = true;
            ranked = merged;
          }
          timing.scored = performance.now() - started;
          // ranked: every matching doc id, best first (the results page filters and counts over all of them)
          var top = ranked.slice(0, limit);
          var result = { query: query, total: ranked.length, parsed: parsed, timing: timing, ranked: ranked,
            partial: ranked.partial, repaired: !!ranked.repaired,
            scores: top.map(function (d) { return ranked.value[d]; }),
            docs: getDocs(top) };
          result.ready = Promise.all(result.docs).then(function (hits) {
            timing.docs = performance.now() - started;
            result.hits = hits;
            result.ms = timing.docs;
            result.files = loadLog.slice(loadsBefore);
            api.last = result;
            return result;
          });
          return result;
        });
      });
    });
  }

  // ---- rendering ---------------------------------------------------------------------------------------------------

  // The label shown with a hit: a record kind's comes with the index (portal/kinds/), a page's from UI.
  function kindLabel(kind) {
    var labels = (manifest && manifest.kinds) || {};
    return Object.prototype.hasOwnProperty.call(labels, kind) ? labels[kind] : T.page;
  }

  function safeHref(url) {
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\/\\]/.test(url)) return null;
    if (url.indexOf("\\") >= 0) return null;
    if (isFile) {
      var cut = url.search(/[?#]/), path = cut < 0 ? url : url.slice(0, cut), rest = cut < 0 ? "" : url.slice(cut);
      if (path === "" || path.slice(-1) === "/") path += "index.html";
      url = path + rest;
    }
    return root + url;
  }

  /** Appends text to parent with every needle occurrence wrapped in <mark>; text only, never HTML. */
  function appendHighlighted(parent, text, needles) {
    var lower = text.toLowerCase();
    if (lower.length !== text.length) { parent.appendChild(document.createTextNode(text)); return; }
    var plain = 0, i = 0;
    while (i < text.length) {
      var hit = 0;
      for (var k = 0; k < needles.length; k++) {
        if (lower.startsWith(needles[k], i)) { hit = needles[k].length; break; }
      }
      if (!hit) { i++; continue; }
      if (i > plain) parent.appendChild(document.createTextNode(text.slice(plain, i)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(i, i + hit);
      parent.appendChild(mark);
      i += hit; plain = i;
    }
    if (plain < text.length) parent.appendChild(document.createTextNode(text.slice(plain)));
  }

  var HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escapeHtml(text) { return String(text).replace(/[&<>"']/g, function (c) { return HTML_ESCAPES[c]; }); }

  /** The same marking as appendHighlighted, as an HTML string (text escaped, only <mark> added). */
  function highlightedHtml(text, needles) {
    var box = document.createElement("span");
    appendHighlighted(box, text, needles);
    return box.innerHTML;
  }

  function snippet(text, needles) {
    var lower = text.toLowerCase(), at = -1;
    for (var k = 0; k < needles.length && at < 0; k++) at = lower.indexOf(needles[k]);
    var start = Math.max(0, at - 40), end = Math.min(text.length, start + 140);
    if (end - start < 140) start = Math.max(0, end - 140);
    return (start > 0 ? "…" : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? "…" : "");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** A hit's kind label (and badge), highlighted title and snippet, appended to element (text only, never HTML). */
  function fillHit(element, doc, parsed) {
    var meta = el("span", "portal-search-meta");
    meta.appendChild(el("span", "portal-search-kind portal-search-kind--" + String(doc.kind).replace(/[^a-z]/g, ""),
      kindLabel(doc.kind)));
    if (doc.badge) meta.appendChild(el("span", "portal-search-badge", doc.badge));
    element.appendChild(meta);
    var title = el("span", "portal-search-title");
    var titleText = doc.title + (doc.section ? SEPARATOR + doc.section : "");
    appendHighlighted(title, titleText, needlesFor(titleText, parsed));
    element.appendChild(title);
    if (doc.text) {
      var snip = el("span", "portal-search-snippet");
      var needles = needlesFor(doc.text, parsed), around = snippet(doc.text, needles);
      appendHighlighted(snip, around, needlesFor(around, parsed));
      element.appendChild(snip);
    }
    return element;
  }

  // The results page (search/?q=…, portal-results.js), from data-portal-search-page: its path from the language
  // root ("search/"); without it the boxes show "more results" in their panel instead of a link to the page.
  var resultsPage = setting("data-portal-search-page");

  function resultsHref(query) {
    if (!resultsPage) return null;
    var href = safeHref(resultsPage);
    return href === null ? null : href + (query && query.trim() ? "?q=" + encodeURIComponent(query.trim()) : "");
  }

  /** Facet rows of these doc ids: {names, values, rows: {id: [date YYYYMMDD, value index per facet …]}}. */
  function facetRows(ids) {
    return loadManifest().then(function (m) {
      var facets = m.facets || { names: [], values: {}, rowsPerFile: 1 };
      var per = facets.rowsPerFile, files = [];
      ids.forEach(function (id) { var f = "f" + Math.floor(id / per); if (files.indexOf(f) < 0) files.push(f); });
      return Promise.all(files.map(loadShard)).then(function () {
        var rows = Object.create(null);
        ids.forEach(function (id) { rows[id] = store["f" + Math.floor(id / per)][id % per]; });
        return { names: facets.names, values: facets.values, rows: rows };
      });
    });
  }

  // ---- search boxes ------------------------------------------------------------------------------------------------

  var boxCount = 0;

  function attach(input) {
    if (input.portalSearch) return input.portalSearch;
    var id = "portal-search-" + (++boxCount);
    var panel = el("div", "portal-search-panel"), status = el("div", "portal-search-status");
    var list = el("div", "portal-search-list"), more = el("button", "portal-search-more", T.more);
    var all = el("a", "portal-search-all");  // "Show all N results": the results page, when the site has one
    panel.id = id + "-panel";
    panel.hidden = true;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.id = id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", T.results);
    more.type = "button";
    more.hidden = true;
    all.hidden = true;
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(more);
    panel.appendChild(all);
    input.insertAdjacentElement("afterend", panel);
    if (input.parentElement) input.parentElement.classList.add("portal-search-host");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    var labelled = input.getAttribute("aria-label") || input.getAttribute("aria-labelledby") ||
      (input.labels && input.labels.length);
    if (!labelled) {
      input.setAttribute("aria-label", T.label);
    }

    var seq = 0, active = -1, limit = PAGE_SIZE, options = [], loadingTimer = 0;

    function setOpen(open) {
      panel.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) setActive(-1);
      if (open) keepInViewport();
    }

    // On a phone the panel is wider than the room beside its box (a header box at the right edge opened towards the
    // left started at x = -40 px, cutting off the count, the kind and the first characters of every title): shift it
    // so that it lies inside the viewport, with a small margin on each side.
    function keepInViewport() {
      panel.style.left = "";
      panel.style.right = "";
      var margin = 8, room = document.documentElement.clientWidth;
      var rect = panel.getBoundingClientRect(), host = panel.offsetParent;
      if (!host || (rect.left >= margin && rect.right <= room - margin)) return;
      var hostLeft = host.getBoundingClientRect().left;
      var left = Math.max(margin, Math.min(rect.left, room - margin - rect.width));
      panel.style.right = "auto";
      panel.style.left = (left - hostLeft) + "px";
    }

    function setActive(i) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }

    function addOption(doc, i, parsed) {
      var href = safeHref(doc.url);
      if (href === null) return;
      var option = el("a", "portal-search-hit");
      option.id = id + "-option-" + i;
      option.href = href;
      option.tabIndex = -1;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      fillHit(option, doc, parsed);
      list.appendChild(option);
      options.push(option);
    }

    function failed(error) {
      list.textContent = ""; options = []; more.hidden = true;
      status.textContent = T.failed;
      setOpen(true);
      if (window.console) console.error(error);
    }

    /** Shows the count at once, then each hit in rank order as soon as it and the ones above it have arrived. */
    function show(result, mine) {
      var cleared = false, query = result.query;
      function clearOld() {
        if (cleared) return;
        cleared = true;
        list.textContent = ""; options = []; active = -1;
        input.removeAttribute("aria-activedescendant");
      }
      status.textContent = result.total ? countText(result.total) : T.none;
      if (!result.total) clearOld();
      more.hidden = true;
      all.hidden = true;
      setOpen(true);
      var chain = Promise.resolve();
      result.docs.forEach(function (promise, i) {
        chain = chain.then(function () { return promise; }).then(function (doc) {
          if (mine !== seq) return;
          clearOld();
          addOption(doc, i, result.parsed);
        });
      });
      chain.then(function () { return result.ready; }).then(function () {
        if (mine !== seq) return;
        clearOld();
        var href = resultsHref(query);
        more.hidden = href !== null || result.total <= result.docs.length;
        all.hidden = href === null;
        if (href !== null) {
          all.href = href;
          all.textContent = String((result.total === 1 ? (T.show_all || {}).one : (T.show_all || {}).other) || "")
            .replace("{n}", result.total);
        }
        var detail = { total: result.total, ms: result.ms };
        input.dispatchEvent(new CustomEvent("portalsearch:results", { detail: detail }));
      }, function (error) { if (mine === seq) failed(error); });
    }

    function update() {
      var query = input.value, mine = ++seq;
      clearTimeout(loadingTimer);
      if (!query.trim()) { setOpen(false); list.textContent = ""; status.textContent = ""; return; }
      loadingTimer = setTimeout(function () {
        if (mine !== seq || !panel.hidden) return;
        list.textContent = ""; options = []; more.hidden = true;
        status.textContent = T.loading;
        setOpen(true);
      }, 250);
      run(query, limit).then(function (result) {
        if (mine !== seq) return;
        clearTimeout(loadingTimer);
        if (result === null) { setOpen(false); return; }
        show(result, mine);
      }, function (error) {
        if (mine !== seq) return;
        clearTimeout(loadingTimer);
        failed(error);
      });
    }

    input.addEventListener("input", function (event) {
      if (event.isComposing) return;  // an IME is still composing (pinyin letters): wait for the characters
      limit = PAGE_SIZE;
      update();
    });
    input.addEventListener("compositionend", function () { limit = PAGE_SIZE; update(); });
    input.addEventListener("focus", function () {  // fetch what the first query needs while it is typed
      loadManifest().then(loadWords).catch(function () {});
      if (input.value.trim() && options.length) setOpen(true);
    });
    input.addEventListener("keydown", function (event) {
      var open = !panel.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        if (!open) setOpen(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
      } else if (event.key === "Enter") {
        if (event.isComposing) return;
        var page = resultsHref(input.value);
        if (active < 0 && page !== null && input.value.trim()) {  // Enter: the results page, unless a hit is chosen
          event.preventDefault();
          window.location.assign(page);
          return;
        }
        if (!open) return;
        event.preventDefault();
        var target = options[active >= 0 ? active : 0];
        if (target) window.location.assign(target.href);
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); setOpen(false); }
        else if (input.value) { event.preventDefault(); input.value = ""; update(); }
      }
    });
    more.addEventListener("click", function () { limit += PAGE_SIZE; update(); input.focus(); });
    document.addEventListener("pointerdown", function (event) {
      if (!panel.hidden && event.target !== input && !panel.contains(event.target)) setOpen(false);
    });
    panel.addEventListener("focusout", function (event) {
      if (event.relatedTarget && event.relatedTarget !== input && !panel.contains(event.relatedTarget)) setOpen(false);
    });
    input.addEventListener("blur", function (event) {
      if (event.relatedTarget && !panel.contains(event.relatedTarget)) setOpen(false);
    });

    input.portalSearch = { panel: panel, list: list, update: update };
    return input.portalSearch;
  }

  function attachAll() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-portal-search]"), attach);
  }

  var api = window.PortalSearch || {};
  api.shard = function (name, data) { store[name] = data; };
  api.attach = attach;
  api.attachAll = attachAll;
  api.search = function (query, limit) {
    return run(query, limit || PAGE_SIZE).then(function (result) { return result && result.ready; });
  };
  api.loaded = function () { return loadLog.slice(); };

  /**
   * The documented API for other scripts (the results page): query(text, {limit, offset}) resolves to
   * {query, total, zeroResult, results: [{id, url, href, title, section, titleHtml, kind, kindLabel, badge, snippet,
   * score}], ms}. url is relative to the language root (as in the index), href the link from this page
   * (file:// adds index.html); titleHtml and snippet are HTML with the matched words in <mark> (data text escaped);
   * limit defaults to 10 (Infinity: every hit, which loads the document files of every hit). A document's facet
   * values are in the facet rows (facetRows), not here.
   */
  api.query = function (text, options) {
    options = options || {};
    var offset = Math.max(0, options.offset || 0);
    var limit = options.limit === undefined ? PAGE_SIZE : options.limit;
    var want = limit === Infinity ? 1e9 : offset + limit;
    return run(String(text || ""), want).then(function (result) {
      if (result === null) return { query: String(text || ""), total: 0, zeroResult: false, results: [], ms: 0 };
      return result.ready.then(function () {
        var results = [];
        result.hits.forEach(function (doc, i) {
          if (i < offset) return;
          var titleText = doc.title + (doc.section ? SEPARATOR + doc.section : "");
          var needles = needlesFor(doc.text || "", result.parsed), around = doc.text ? snippet(doc.text, needles) : "";
          results.push({ id: doc.id, url: doc.url, href: safeHref(doc.url), title: doc.title, section: doc.section,
            titleHtml: highlightedHtml(titleText, needlesFor(titleText, result.parsed)),
            kind: doc.kind, kindLabel: kindLabel(doc.kind), badge: doc.badge,
            snippet: around ? highlightedHtml(around, needlesFor(around, result.parsed)) : "",
            score: result.scores[i] });
        });
        return { query: result.query, total: result.total, zeroResult: result.total === 0, results: results,
          partial: !!result.partial, repaired: result.repaired, ms: result.ms };
      });
    });
  };
  /** The kind labels of the index ({kind: label}), once the manifest is loaded. */
  api.kinds = function () {
    return loadManifest().then(function (m) { return Object.assign({}, m.kinds || {}); });
  };
  // For the results page (portal-results.js): every match ranked, facet rows, documents, a hit's content, its URL.
  api.searchAll = function (query) {
    return run(query, 0).then(function (result) {
      return result && { query: query, total: result.total, ranked: result.ranked, parsed: result.parsed,
        partial: !!result.partial, repaired: result.repaired };
    });
  };
  api.facetRows = facetRows;
  api.docs = function (ids) { return loadManifest().then(function () { return Promise.all(getDocs(ids)); }); };
  api.fillHit = fillHit;
  api.href = safeHref;
  api.resultsHref = resultsHref;
  api.kindLabel = kindLabel;
  api.words = function () { return T; };
  api.last = null;
  api._internals = { normalize: normalize, runs: runs, latinParts: latinParts, stem: stem, compact: compact,
    fnv1a: fnv1a, arabicDocNumbers: arabicDocNumbers, chineseNumeral: chineseNumeral, textTokens: textTokens,
    parseQuery: parseQuery, safeHref: safeHref, root: root, lang: lang };
  window.PortalSearch = api;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachAll);
  else attachAll();
})();
