#!/usr/bin/env python3
"""Trains the triage model of `ticket.triage` from the labeled corpus and writes it as Rust.

    python3 scripts/train-triage.py            # data/triage/*.tsv -> the generated model
    python3 scripts/train-triage.py --search   # cross-validated accuracy of other settings

The corpus is one file per language, `data/triage/<tag>.tsv`, with the header
`split<TAB>category<TAB>text`; the model learns from the `train` lines only (the `test`
lines are the accuracy test's, crates/recourse/tests/triage_accuracy.rs, read here only to
leave out a training line that shares too many stems with one of them: `near_test`). The
model is a multinomial logistic regression over word stems (presence per message) with half
of a multinomial naive Bayes over the stems it keeps added to it: both are linear in them,
so their sum is one table of weights, and on 5-fold cross-validation it reads better than
either alone (naive Bayes alone, pairs of stems and runs of characters can be switched on in
`Params`, and `--search` compares settings by cross-validation), with weights in 64ths of a bit (log2 scaled by 64)
as 16-bit integers, so the core scores with integer additions only. On 5-fold
cross-validation of the training lines, `other`'s prior is lowered until `other` is precise
enough (`other_margin`) and the confidence is calibrated (`calibrate`). Standard library
only: the same input gives the same file, byte for byte.

The normalization here mirrors crates/recourse/src/ticket/triage/normalize.rs exactly; the
script writes data/triage/features-sample.tsv, which the crate's tests read to prove it.
"""

import argparse
import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "triage"
OUT = ROOT / "crates" / "recourse" / "src" / "ticket" / "triage" / "model_data.rs"
SAMPLE = DATA / "features-sample.tsv"
LANGS = ["en", "pt-BR", "es", "el"]

# The categories, in the order of `Category` (crates/recourse/src/ticket/model.rs).
CATEGORIES = [
    ("payment_failed", "PaymentFailed"),
    ("charged_twice", "ChargedTwice"),
    ("unrecognized_charge", "UnrecognizedCharge"),
    ("refund_status", "RefundStatus"),
    ("refund_request", "RefundRequest"),
    ("dispute_or_chargeback", "DisputeOrChargeback"),
    ("subscription_or_cancellation", "SubscriptionOrCancellation"),
    ("pix_or_boleto_pending", "PixOrBoletoPending"),
    ("wallet_issue", "WalletIssue"),
    ("other", "Other"),
]

# ---------------------------------------------------------------------------------------
# Normalization: keep in step with normalize.rs.

FOLD = {}
for chars, to in [
    ("àáâãäå", "a"), ("ç", "c"), ("èéêë", "e"), ("ìíîï", "i"), ("ñ", "n"),
    ("òóôõö", "o"), ("ùúûü", "u"), ("ýÿ", "y"),
    ("ά", "α"), ("έ", "ε"), ("ή", "η"), ("ίϊΐ", "ι"), ("ό", "ο"), ("ύϋΰ", "υ"),
    ("ώ", "ω"), ("ς", "σ"),
]:
    for c in chars:
        FOLD[c] = to
DROP = set("'’‘ʼ`´")
CLAUSE_BREAKS = set(".,;:!?()[]\n")


def fold(c):
    """A lowercase character folded: None when dropped (apostrophes, combining marks)."""
    if c in DROP or 0x300 <= ord(c) <= 0x36F:
        return None
    return FOLD.get(c, c)


def words(text):
    """The words of a text: lowercase, folded, runs of one letter collapsed; with clauses."""
    out, cur, clause, last = [], [], 0, None

    def flush():
        if cur:
            out.append(("".join(cur), clause))
            cur.clear()

    for ch in text:
        for low in ch.lower():
            f = fold(low)
            if f is None:
                continue
            if f.isalnum():
                if f == last and not f.isnumeric():
                    continue
                cur.append(f)
                last = f
            else:
                flush()
                if f in CLAUSE_BREAKS:
                    clause += 1
                last = None
    flush()
    return out


# Per language: abbreviations (after folding and collapsing), negations, words that end a
# negation's reach, and common words. A common word is never part of a store's vocabulary
# term (`[[tickets.triage.vocabulary]]` matches the other words), and it is evidence to the
# model only in the languages of `COMMON_IS_EVIDENCE`.
ABBREVIATIONS = {
    "en": {"u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks",
           "2x": "twice", "x2": "twice", "pymt": "payment", "dont": "do not",
           "didnt": "did not", "havent": "have not", "hasnt": "has not", "wasnt": "was not",
           "isnt": "is not", "cant": "can not", "canot": "can not", "wont": "wil not",
           "doesnt": "does not", "arent": "are not", "werent": "were not"},
    "pt-BR": {"vc": "voce", "vcs": "voces", "pq": "porque", "q": "que", "n": "nao",
              "tb": "tambem", "tbm": "tambem", "hj": "hoje", "msm": "mesmo", "cmg": "comigo",
              "td": "tudo", "qdo": "quando", "qnd": "quando", "dnv": "de novo",
              "obg": "obrigado", "pfv": "por favor", "pf": "por favor", "2x": "twice",
              "x2": "twice", "ngm": "ninguem", "nd": "nada", "kd": "cade", "oq": "o que",
              "p": "para", "pra": "para", "pro": "para o", "ta": "esta", "to": "estou",
              "dps": "depois", "mt": "muito", "mto": "muito"},
    "es": {"q": "que", "k": "que", "xq": "porque", "pq": "porque", "tmb": "tambien",
           "tb": "tambien", "x": "por", "d": "de", "porfa": "por favor", "xfa": "por favor",
           "2x": "twice", "x2": "twice", "hno": "hermano", "ntp": "no te preocupes"},
    "el": {"2x": "twice", "x2": "twice", "δλδ": "δηλαδη", "κτλ": "κλπ"},
}
PAIRS = {
    ("duas", "vezes"): "twice", ("2", "vezes"): "twice", ("dos", "veces"): "twice",
    ("2", "veces"): "twice", ("two", "times"): "twice", ("2", "times"): "twice",
    ("δυο", "φορεσ"): "twice", ("2", "φορεσ"): "twice",
}
NEGATIONS = {
    "en": {"not", "no", "never", "nor", "without"},
    "pt-BR": {"nao", "nunca", "nem", "sem", "jamais"},
    "es": {"no", "nunca", "ni", "sin", "jamas"},
    "el": {"δεν", "μη", "μην", "ουτε", "χωρισ", "ποτε"},
}
# English's common words are the model's evidence: its auxiliaries and question words ("did",
# "will", "when", "how", "can") tell a refund's status from a request for one. On 5-fold
# cross-validation over three shuffles of the 2,856 training lines, the model reads 94.1% on
# average with English's common words as evidence against 93.6% without; the other
# languages' read no better as evidence (93.3% to 93.7% with one of them alone, 93.8% with
# all four languages', 94.0% with English's and Portuguese's).
COMMON_IS_EVIDENCE = {"en"}
NEGATION_REACH = 2  # how many stems after a negation it reaches, in its clause
NEGATION_STOPS = {
    "en": {"but", "however", "although"},
    "pt-BR": {"mas", "porem", "entretanto"},
    "es": {"pero", "sino", "aunque"},
    "el": {"αλα", "ομωσ"},
}
STOPWORDS = {
    "en": set("""a an the i im ive id me my mine we our us you your it its is are was were be
        ben am do does did have has had to of and or in on at for with this that these those
        there here so just hi helo hey please thanks thank from by as can wil would could
        should what when how why which who""".split()),
    "pt-BR": set("""o a os as um uma uns umas de do da dos das e eu me meu minha meus minhas
        no na nos nas em com por para que se foi ja ele ela iso ese esa este esta estou
        oi ola bom dia boa tarde noite voce voces ao aos pelo pela tem ter tenho era sou
        mais muito obrigado obrigada favor la aqui ai""".split()),
    "es": set("""el la los las un una unos unas de del y yo me mi mis en con por para que se
        lo le les ya es fue hola buenos buenas dias tardes noches tengo tiene he ha han al
        muy mas gracias favor usted ustedes esto este esta eso ese esa aqui""".split()),
    "el": set("""ο η το τα τον την τησ του των οι ενα μια ενασ και να με σε για απο μου μασ
        σασ σου θα εχω εχετε ειναι ειμαι στο στη στην στον στα στισ στουσ γεια καλησπερα
        καλημερα ευχαριστω παρακαλω αυτο αυτη αυτοσ που πωσ τι""".split()),
}


def collapsed(word):
    """Whether a listed word is written as `words` leaves it (so that it can match)."""
    return [w for w, _ in words(word)] == [word]


for table in (NEGATIONS, NEGATION_STOPS, STOPWORDS):
    for lang_words in table.values():
        for word in lang_words:
            assert collapsed(word), word
for lang_table in ABBREVIATIONS.values():
    for key, value in lang_table.items():
        assert collapsed(key) and all(collapsed(v) for v in value.split(" ")), (key, value)
for pair, value in PAIRS.items():
    assert all(collapsed(w) for w in pair), pair
for lang in LANGS:
    kinds = [set(ABBREVIATIONS[lang]), NEGATIONS[lang], NEGATION_STOPS[lang], STOPWORDS[lang]]
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            assert not a & b, (lang, a & b)  # one kind per word: one table in the crate


def tokens(text, lang, stem):
    """The message's stems with their negation, clause, word and whether it is a common word
    (evidence in the languages of `COMMON_IS_EVIDENCE`): (stem, negated, clause, word,
    common)."""
    expanded = []
    for w, clause in words(text):
        for part in ABBREVIATIONS[lang].get(w, w).split(" "):
            expanded.append((part, clause))
    paired, i = [], 0
    while i < len(expanded):
        w, clause = expanded[i]
        nxt = expanded[i + 1] if i + 1 < len(expanded) else None
        if nxt is not None and nxt[1] == clause and (w, nxt[0]) in PAIRS:
            paired.append((PAIRS[(w, nxt[0])], clause))
            i += 2
        else:
            paired.append((w, clause))
            i += 1
    out, reach, reach_clause = [], 0, -1
    for w, clause in paired:
        if clause != reach_clause:
            reach = 0
        if w in NEGATIONS[lang]:
            reach, reach_clause = NEGATION_REACH, clause
        elif w in NEGATION_STOPS[lang]:
            reach = 0
        elif ((w in STOPWORDS[lang] and lang not in COMMON_IS_EVIDENCE) or w.isnumeric()
              or len(w) < 2):
            continue
        else:
            out.append((w[:stem], reach > 0, clause, w, w in STOPWORDS[lang]))
            reach = max(reach - 1, 0)
    return out


def features(text, lang, stem, chars, pairs=True):
    """Stems, same-clause pairs of stems (when `pairs`), and runs of `chars` characters of
    `<word>`; a negated stem is written `~stem`, a run `#run` (`~#run` negated)."""
    toks = tokens(text, lang, stem)
    names = [("~" if t[1] else "") + t[0] for t in toks]
    out = list(names)
    for i in range(len(toks) - 1 if pairs else 0):
        if toks[i][2] == toks[i + 1][2]:
            out.append(names[i] + " " + names[i + 1])
    if chars:
        for _, neg, _, word, _ in toks:
            marked = "<" + word + ">"
            for i in range(len(marked) - chars + 1):
                out.append(("~#" if neg else "#") + marked[i:i + chars])
    return out


# ---------------------------------------------------------------------------------------
# Training.

SCALE = 64  # weights in 64ths of a bit


def read_corpus(folder=None):
    rows = []
    folder = pathlib.Path(folder) if folder else DATA
    for lang in LANGS:
        path = folder / f"{lang}.tsv"
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"{path}:{n}: expected three tab-separated fields")
            split, category, text = parts
            if category not in dict(CATEGORIES):
                sys.exit(f"{path}:{n}: unknown category {category!r}")
            rows.append((split.strip(), category, text, lang))
    return rows


# A training line that shares at least `NEAR_SHARED` stems with a test line of its language,
# and at least `NEAR_JACCARD` of their stems together, paraphrases it: it is left out, so
# that the accuracy test reads messages the model has not seen in other words.
NEAR_SHARED = 4
NEAR_JACCARD = 1 / 3


def near_test(rows):
    """The training lines that paraphrase a test line (by the stems they share)."""
    def stems(text, lang):
        return {t[0] for t in tokens(text, lang, 5) if not t[4]}

    tests = [(lang, stems(text, lang)) for split, _, text, lang in rows if split == "test"]
    near = set()
    for i, (split, _, text, lang) in enumerate(rows):
        if split != "train":
            continue
        mine = stems(text, lang)
        for other_lang, theirs in tests:
            shared = len(mine & theirs)
            if (other_lang == lang and shared >= NEAR_SHARED
                    and shared >= NEAR_JACCARD * len(mine | theirs)):
                near.add(i)
                break
    return near


class Params:
    """What the training is set to: stem length, character runs (0: none), pairs of stems,
    the additive smoothing of naive Bayes, how many lines a term must appear in, and the
    learner: "nb" (multinomial naive Bayes), "lr" (logistic regression, with its L2 penalty
    and the smallest weight it keeps, in 64ths of a bit) or "lr+nb" (logistic regression
    with `nb_share` of naive Bayes added). The smallest weight kept is 56/64 bit, for the
    WebAssembly packages' size budgets: on 5-fold cross-validation of 2,591 training lines, 48
    reads 93.8% with 8,099 weights (580.9 KB and 351.4 KB gzipped, over the 580 and 350 KB
    budgets), 50 93.6% with 7,060 (579.5 and 349.9 KB), 52 93.5% with 6,733 (578.7 and
    349.1 KB, no larger than the model before the corpus grew, leaving some room under the
    budgets). On 2,856 training lines, 48 reads 93.9% with 10,204 weights, 50 93.9% with
    8,324, 52 93.9% with 8,044 (581.7 and 352.2 KB, over the budgets), 54 94.0% with 6,977,
    56 94.0% with 6,651 (579.2 and 349.8 KB), 58 93.9% with 6,302. With English's common
    words as evidence, 56 reads 94.5% with 7,332 weights (580.4 and 348.6 KB), 58 94.3%
    with 6,321."""

    def __init__(self, stem=5, chars=0, pairs=False, alpha=0.2, min_df=1, learner="lr+nb",
                 l2=0.001, keep=56, nb_share=0.5):
        self.stem, self.chars, self.pairs = stem, chars, pairs
        self.alpha, self.min_df = alpha, min_df
        self.learner, self.l2, self.keep = learner, l2, keep
        self.nb_share = nb_share

    def features(self, text, lang):
        return features(text, lang, self.stem, self.chars, self.pairs)

    def __str__(self):
        lr = f"logistic regression (L2 {self.l2}, weights of at least {self.keep}/64 bit)"
        nb = f"naive Bayes (smoothing {self.alpha})"
        learner = {"lr": lr, "nb": nb, "lr+nb": f"{lr} plus {self.nb_share} of {nb}"}
        learner = learner[self.learner]
        return (f"{learner} over stems of {self.stem}, character runs of {self.chars}, pairs "
                f"of stems {'in' if self.pairs else 'out'}, terms of at least {self.min_df} "
                f"line(s)")


def train(rows, params):
    """The model of `params.learner`: (priors, the weight of a known term unseen with each
    category, {term: {category index: weight over it}}), log2 in 64ths of a bit."""
    if params.learner == "lr":
        return train_lr(rows, params)
    if params.learner == "lr+nb":
        return blend(train_lr(rows, params), train_nb(rows, params), params)
    return train_nb(rows, params)


def blend(lr, nb, params):
    """Logistic regression's model with `params.nb_share` of naive Bayes's added: per term the
    regression keeps and per category, the regression's weight plus that share of what naive
    Bayes adds for the term (its weight unseen, `missing`, and its own over it), less the
    term's smallest such sum, so that every weight is positive; as in the regression alone, a
    term keeps only the weights of at least `params.keep`. The terms only naive Bayes weighs
    (about a thousand rare ones) are left out: they would add a third to the model's size for
    0.3 points of cross-validated accuracy."""
    share = params.nb_share
    lr_priors, _, lr_weights = lr
    nb_priors, missing, nb_weights = nb
    k = len(lr_priors)
    priors = [lr_priors[c] + q(share * nb_priors[c] / SCALE) for c in range(k)]
    weights = {}
    for f in sorted(lr_weights):
        mine = lr_weights.get(f, {})
        sums = [mine.get(c, 0) for c in range(k)]
        if f in nb_weights:
            sums = [w + q(share * (missing[c] + nb_weights[f].get(c, 0)) / SCALE)
                    for c, w in enumerate(sums)]
        low = min(sums)
        entry = {c: w - low for c, w in enumerate(sums) if w - low >= params.keep}
        if entry:
            weights[f] = entry
    return priors, [0] * k, weights


EPOCHS = 30  # passes of stochastic gradient descent over the training lines
RATE = 0.5  # its first learning rate, divided by 1 + epoch / 10


def train_lr(rows, params):
    """Multinomial logistic regression over the terms' presence in each line, by stochastic
    gradient descent in the lines' order (deterministic), with an L2 penalty. A constant
    added to every category's weight of a term changes no decision and no confidence, so
    each term keeps only its weights above its smallest (by at least `params.keep`): the
    model stays sparse, like naive Bayes's, and every weight is positive."""
    names = [c for c, _ in CATEGORIES]
    k = len(names)
    data = [(sorted(set(params.features(text, lang))), names.index(category))
            for _, category, text, lang in rows]
    counts = {}
    for terms, _ in data:
        for f in terms:
            counts[f] = counts.get(f, 0) + 1
    data = [([f for f in terms if counts[f] >= params.min_df], c) for terms, c in data]
    weights, bias = {}, [0.0] * k
    for epoch in range(EPOCHS):
        rate = RATE / (1 + epoch / 10)
        for terms, label in data:
            scores = list(bias)
            for f in terms:
                for c, w in enumerate(weights.get(f, ())):
                    scores[c] += w
            top = max(scores)
            odds = [math.exp(s - top) for s in scores]
            total = sum(odds)
            grad = [odds[c] / total - (c == label) for c in range(k)]
            for c in range(k):
                bias[c] -= rate * grad[c] / 10
            for f in terms:
                w = weights.setdefault(f, [0.0] * k)
                for c in range(k):
                    w[c] -= rate * (grad[c] + params.l2 * w[c])
    bits = 1 / math.log(2)
    priors = [q(b * bits) for b in bias]
    kept = {}
    for f, w in weights.items():
        low = min(w)
        entry = {c: q((x - low) * bits) for c, x in enumerate(w)}
        entry = {c: x for c, x in entry.items() if x >= params.keep}
        if entry:
            kept[f] = entry
    return priors, [0] * k, kept


def train_nb(rows, params):
    """Multinomial naive Bayes over the terms' presence in each line: (priors, the weight
    of a known term unseen with each category, {term: {category index: weight over it}}),
    log2 in 64ths of a bit."""
    names = [c for c, _ in CATEGORIES]
    k = len(names)
    docs = [0] * k
    counts = {}
    for _, category, text, lang in rows:
        c = names.index(category)
        docs[c] += 1
        for f in set(params.features(text, lang)):
            counts.setdefault(f, [0] * k)[c] += 1
    vocab = {f: n for f, n in counts.items() if sum(n) >= params.min_df}
    size = len(vocab)
    totals = [sum(n[c] for n in vocab.values()) for c in range(k)]
    alpha = params.alpha
    priors = [q(math.log2(max(d, 1) / sum(docs))) for d in docs]
    missing = [q(math.log2(alpha / (totals[c] + alpha * size))) for c in range(k)]
    weights = {}
    for f, n in vocab.items():
        weights[f] = {
            c: q(math.log2((n[c] + alpha) / (totals[c] + alpha * size))) - missing[c]
            for c in range(k) if n[c] > 0
        }
    return priors, missing, weights


def q(x):
    """`x` bits in 64ths, rounded half up."""
    return int(math.floor(x * SCALE + 0.5))


def classify(model, text, lang, params):
    """The best category's index and every score, as the crate computes them."""
    priors, missing, weights = model
    scores = list(priors)
    for f in set(params.features(text, lang)):
        entry = weights.get(f)
        if entry is None:
            continue
        for c in range(len(scores)):
            scores[c] += missing[c] + entry.get(c, 0)
    best = max(range(len(scores)), key=lambda c: (scores[c], -c))
    return best, scores


def cross_validate(rows, params, folds=5):
    """Accuracy over `folds` folds of the training lines, and each held-out line's scores."""
    names = [c for c, _ in CATEGORIES]
    right, held_out = 0, []
    for fold in range(folds):
        model = train([r for i, r in enumerate(rows) if i % folds != fold], params)
        for _, category, text, lang in (r for i, r in enumerate(rows) if i % folds == fold):
            best, scores = classify(model, text, lang, params)
            right += names[best] == category
            held_out.append((scores, names.index(category)))
    return right / len(rows), held_out


OTHER_PRECISION = 0.92  # what cross-validation must show for `other` (the goal is 0.90)


def other_margin(held_out):
    """How much `other`'s prior is lowered (64ths of a bit, in steps of 16): the least that
    gives `other` a cross-validated precision of `OTHER_PRECISION`, so that a message is filed
    as not a payment topic only on enough evidence (a delivery question filed as a payment
    problem is asked about; a payment problem filed as `other` may be lost)."""
    o = len(CATEGORIES) - 1
    for margin in range(0, 1025, 16):
        right = filed = 0
        for scores, label in held_out:
            lowered = scores[:o] + [scores[o] - margin]
            best = max(range(len(lowered)), key=lambda c: (lowered[c], -c))
            if best == o:
                filed += 1
                right += label == o
        if filed == 0 or right / filed >= OTHER_PRECISION:
            return margin
    return 1024


def calibrate(held_out):
    """The spread (percent) whose confidences fit the held-out lines best (log loss)."""
    def loss(spread):
        total = 0.0
        for scores, label in held_out:
            top = max(scores)
            odds = [2 ** ((s - top) * 100 / spread / SCALE) for s in scores]
            total -= math.log(max(odds[label] / sum(odds), 1e-9))
        return total
    return min(range(10, 1001, 10), key=loss)


def packed(words, indent="    "):
    """Rust for a `Packed` list: the words one after the other, and where each ends."""
    ends, offset = [], 0
    for w in words:
        offset += len(w.encode("utf-8"))
        ends.append(offset)
    if offset > 65535:
        sys.exit("a packed list is too large for 16-bit offsets")
    chunks, line = [], ""
    for w in words:
        esc = w.replace("\\", "\\\\").replace('"', '\\"')
        if line and len(line) + len(esc) > 88:
            chunks.append(line)
            line = ""
        line += esc
    chunks.append(line)
    body = "\\\n".join(chunks)
    return (f"Packed {{\n{indent}    text: \"{body}\",\n{indent}    ends: &[\n"
            f"{ints(ends, indent=indent + '        ')}\n{indent}    ],\n{indent}}}")


def ints(xs, per=24, indent="    "):
    lines = []
    for i in range(0, len(xs), per):
        lines.append(indent + ", ".join(str(x) for x in xs[i:i + per]) + ",")
    return "\n".join(lines)


def write_rust(model, params, spread):
    priors, missing, weights = model
    terms = sorted(weights, key=lambda f: f.encode("utf-8"))
    starts, entries = [0], []
    for t in terms:
        for c, w in sorted(weights[t].items()):
            if not 0 <= w < 4096 or c >= 16:
                sys.exit("a weight does not fit in 12 bits, or a category in 4")
            entries.append(c << 12 | w)
        starts.append(len(entries))
    if len(entries) > 65535:
        sys.exit("the model is too large for 16-bit offsets")
    variants = ", ".join(f"Category::{v}" for _, v in CATEGORIES)
    kinds = {"Negation": NEGATIONS, "EndOfNegation": NEGATION_STOPS, "Common": STOPWORDS}

    def listed(lang):
        return sorted((w for table in kinds.values() for w in table[lang]), key=str.encode)

    def kind(lang, w):
        return next(k for k, table in kinds.items() if w in table[lang])

    words = "\n".join(f"    {packed(listed(lang), '    ')}," for lang in LANGS)
    word_kinds = "\n".join(
        "    &[" + ", ".join(kind(lang, w) for w in listed(lang)) + "]," for lang in LANGS)
    abbreviations = "\n".join(
        "    &[" + ", ".join(f'("{k}", "{v}")' for k, v in sorted(
            ABBREVIATIONS[lang].items(), key=lambda kv: kv[0].encode())) + "],"
        for lang in LANGS)
    pairs = ", ".join(f'("{a}", "{b}", "{v}")' for (a, b), v in sorted(PAIRS.items()))
    out = f"""//! The triage model, generated by `python3 scripts/train-triage.py` from the `train` lines
//! of data/triage/*.tsv: {params}. Do not edit: train again.

use super::lexicon::Kind::{{self, Common, EndOfNegation, Negation}};
use super::packed::Packed;
use crate::ticket::Category;

/// The categories, in the order of the weights' category indexes.
pub(super) const CATEGORIES: [Category; {len(CATEGORIES)}] = [{variants}];
/// The calibration of confidence: score differences are read as `100 / SPREAD` of themselves.
pub(super) const SPREAD: i32 = {spread};
/// How many characters of a word are its stem.
pub(super) const STEM: usize = {params.stem};
/// How long the runs of characters are (0: none).
pub(super) const CHARS: usize = {params.chars};
/// How many stems after a negation it reaches, in its clause.
pub(super) const NEGATION_REACH: u8 = {NEGATION_REACH};
/// Per language (en, pt-BR, es, el), whether its common words are the model's evidence (they
/// are never a store's vocabulary's).
pub(super) const COMMON_IS_EVIDENCE: [bool; 4] = [{", ".join("true" if lang in COMMON_IS_EVIDENCE else "false" for lang in LANGS)}];
/// Whether pairs of stems are terms.
pub(super) const PAIRS_OF_STEMS: bool = {"true" if params.pairs else "false"};
/// Each category's prior (its bias), log2 in 64ths of a bit.
pub(super) const PRIOR: [i32; {len(priors)}] = [{", ".join(map(str, priors))}];
/// What any known term adds to each category before its own weights, log2 in 64ths of a bit
/// (naive Bayes: the weight of a term not seen with the category; logistic regression: 0).
pub(super) const MISSING: [i32; {len(missing)}] = [{", ".join(map(str, missing))}];
/// Per language (en, pt-BR, es, el), the abbreviations and what they stand for, by key.
pub(super) const ABBREVIATIONS: [&[(&str, &str)]; 4] = [
{abbreviations}
];
/// Per language, the other words read apart, sorted: negations, words that end a
/// negation's reach, common words.
pub(super) const WORDS: [Packed; 4] = [
{words}
];
/// Per language, how each of `WORDS` is read.
pub(super) const WORD_KINDS: [&[Kind]; 4] = [
{word_kinds}
];
/// Two words read as one.
pub(super) const PAIRS: &[(&str, &str, &str)] = &[{pairs}];
/// The terms, sorted by their bytes.
pub(super) const TERMS: Packed = {packed(terms, '')};
/// Where each term's weights start in `WEIGHTS` (one more: the end).
pub(super) const STARTS: [u16; {len(starts)}] = [
{ints(starts)}
];
/// Each weight: its category index in the top 4 bits, what the term adds to that category
/// over `MISSING` (in 64ths of a bit) in the low 12.
pub(super) const WEIGHTS: [u16; {len(entries)}] = [
{ints(entries)}
];
"""
    OUT.write_text(out, encoding="utf-8")


def write_sample(rows, params):
    lines = ["lang\ttext\tfeatures"]
    for _, _, text, lang in rows[::7]:
        found = params.features(text, lang)
        lines.append(f"{lang}\t{text}\t{' | '.join(found)}")
    SAMPLE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cv_report(rows, params):
    """Cross-validation of `params` with `other`'s margin applied: (margin, the held-out
    scores so lowered, accuracy, `other`'s precision and recall)."""
    _, held_out = cross_validate(rows, params)
    margin = other_margin(held_out)
    o = len(CATEGORIES) - 1
    held_out = [(scores[:o] + [scores[o] - margin], label) for scores, label in held_out]
    best = [max(range(len(s)), key=lambda c: (s[c], -c)) for s, _ in held_out]
    labels = [label for _, label in held_out]
    accuracy = sum(b == label for b, label in zip(best, labels)) / len(labels)
    filed = [label for b, label in zip(best, labels) if b == o]
    precision = sum(label == o for label in filed) / max(len(filed), 1)
    recall = sum(label == o for label in filed) / max(labels.count(o), 1)
    return margin, held_out, accuracy, precision, recall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true", help="search the parameters")
    parser.add_argument("--data", help="another corpus folder than data/triage")
    args = parser.parse_args()
    corpus = read_corpus(args.data)
    near = near_test(corpus)
    rows = [r for i, r in enumerate(corpus) if r[0] == "train" and i not in near]
    if not rows:
        sys.exit("no training lines in data/triage/*.tsv")
    params = Params()
    if args.search:
        for stem in (4, 5, 6):
            for pairs in (False, True):
                for l2 in (0.001, 0.002, 0.005, 0.01, 0.02):
                    p = Params(stem, 0, pairs, params.alpha, params.min_df, params.learner,
                               l2, params.keep, params.nb_share)
                    _, _, accuracy, precision, recall = cv_report(rows, p)
                    print(f"{p}: accuracy {accuracy:.3f}, other's precision {precision:.3f} "
                          f"and recall {recall:.3f}", flush=True)
        return
    margin, held_out, accuracy, precision, recall = cv_report(rows, params)
    o = len(CATEGORIES) - 1
    spread = calibrate(held_out)
    priors, missing, weights = train(rows, params)
    model = (priors[:o] + [priors[o] - margin], missing, weights)
    write_rust(model, params, spread)
    write_sample(rows, params)
    entries = sum(len(e) for e in model[2].values())
    print(f"{len(rows)} training lines ({len(near)} left out as too near a test line); "
          f"cross-validated accuracy {accuracy:.3f}, other's precision {precision:.3f} and "
          f"recall {recall:.3f}, with other's prior lowered by {margin}; spread {spread}; "
          f"{len(model[2])} terms, {entries} weights -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
