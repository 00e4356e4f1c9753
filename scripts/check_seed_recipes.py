#!/usr/bin/env python3
"""Sanity checks for data/recipes.toml (the seed recipe catalog).

Usage: python3 scripts/check_seed_recipes.py [path/to/recipes.toml]

Standard library only (Python 3.11+, uses tomllib). Exits non-zero on any
hard error; prints warnings and the balance counts the catalog must meet.
Diet classification here is a rough keyword heuristic for the seed data,
not the app's real logic.
"""
from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "recipes.toml"
EXTRA_FOODS_PATH = ROOT / "data" / "recipes_extra_foods.txt"

MEALS = {"breakfast", "lunch", "dinner", "snack"}
PROTEINS = {"chicken", "beef", "pork", "lamb", "turkey", "fish", "shellfish",
            "egg", "dairy", "legumes", "tofu", "none"}
DIET_TAGS = {"vegetarian", "vegan", "gluten-free", "dairy-free", "pescatarian",
             "keto", "paleo", "nut-free", "egg-free", "halal", "kosher", "gf", "df"}
REQUIRED = {"id": str, "title": str, "title_es": str, "servings": int, "minutes": int,
            "meals": list, "cuisine": str, "tags": list, "main_protein": str,
            "ingredients": list, "steps": list}

MASS_UNITS = {"g", "kg", "ml", "l", "tsp", "tbsp", "pinch", "clove", "cloves"}
QTY = r"(?:\d+(?:\.\d+)?|\d+/\d+)"
FOOD = r"[a-zà-ÿ][a-zà-ÿ0-9' -]*[a-zà-ÿ]"
PREP = r"(?:, [^,].*)?"
RE_UNIT = re.compile(rf"^(?P<qty>{QTY}) (?P<unit>g|kg|ml|l|tsp|tbsp|pinch|clove|cloves) (?P<food>{FOOD})(?P<prep>{PREP})$")
RE_COUNT = re.compile(rf"^(?P<qty>{QTY}) (?P<food>{FOOD})(?P<prep>{PREP})$")
RE_TASTE = re.compile(rf"^(?P<food>{FOOD}) to taste$")

# Food names suggested by the brief (canonical list).
CANONICAL = """
egg eggs onion red onion garlic tomato tomatoes cherry tomatoes canned tomatoes tomato paste potato
potatoes sweet potato carrot carrots celery red bell pepper green bell pepper zucchini eggplant spinach
kale lettuce cucumber broccoli cauliflower mushrooms green onions cilantro parsley basil mint oregano
thyme rosemary bay leaf cumin paprika smoked paprika chili powder chili flakes turmeric curry powder
garam masala cinnamon nutmeg ginger black pepper salt lemon lime lemon juice lime juice orange apple
banana strawberries blueberries avocado chicken breast chicken thigh ground beef beef steak beef chuck
pork loin pork shoulder bacon chorizo ham ground pork ground turkey lamb salmon canned tuna tuna steak
cod white fish shrimp mussels squid anchovies sardines tofu tempeh chickpeas canned chickpeas black beans
canned black beans kidney beans lentils red lentils white beans rice brown rice basmati rice arborio rice
quinoa couscous bulgur oats pasta spaghetti penne egg noodles rice noodles flour whole wheat flour cornmeal
polenta corn starch bread whole wheat bread pita flour tortillas corn tortillas breadcrumbs milk butter
heavy cream sour cream greek yogurt yogurt cheddar mozzarella parmesan feta ricotta cream cheese goat cheese
olive oil vegetable oil sesame oil coconut oil coconut milk soy sauce fish sauce vinegar red wine vinegar
balsamic vinegar rice vinegar apple cider vinegar dijon mustard mayonnaise ketchup honey maple syrup sugar
brown sugar baking powder baking soda yeast cocoa powder dark chocolate vanilla extract chicken stock
vegetable stock beef stock white wine red wine peanut butter almonds walnuts cashews peanuts pine nuts
sesame seeds chia seeds flaxseed sunflower seeds raisins dates tahini pesto salsa hot sauce sriracha
frozen peas corn green beans asparagus cabbage beet pumpkin butternut squash leek fennel radish arugula
jalapeño olives capers sun-dried tomatoes pickles
"""
# multi-word names must be matched as phrases, so list them explicitly
CANONICAL_FOODS = set()
_words = CANONICAL.split()
_phrases = [
    "red onion", "cherry tomatoes", "canned tomatoes", "tomato paste", "sweet potato", "red bell pepper",
    "green bell pepper", "green onions", "bay leaf", "smoked paprika", "chili powder", "chili flakes",
    "curry powder", "garam masala", "black pepper", "lemon juice", "lime juice", "chicken breast",
    "chicken thigh", "ground beef", "beef steak", "beef chuck", "pork loin", "pork shoulder", "ground pork",
    "ground turkey", "canned tuna", "tuna steak", "white fish", "canned chickpeas", "black beans",
    "canned black beans", "kidney beans", "red lentils", "white beans", "brown rice", "basmati rice",
    "arborio rice", "egg noodles", "rice noodles", "whole wheat flour", "corn starch", "whole wheat bread",
    "flour tortillas", "corn tortillas", "heavy cream", "sour cream", "greek yogurt", "cream cheese",
    "goat cheese", "olive oil", "vegetable oil", "sesame oil", "coconut oil", "coconut milk", "soy sauce",
    "fish sauce", "red wine vinegar", "balsamic vinegar", "rice vinegar", "apple cider vinegar",
    "dijon mustard", "maple syrup", "brown sugar", "baking powder", "baking soda", "cocoa powder",
    "dark chocolate", "vanilla extract", "chicken stock", "vegetable stock", "beef stock", "white wine",
    "red wine", "peanut butter", "pine nuts", "sesame seeds", "chia seeds", "sunflower seeds", "hot sauce",
    "frozen peas", "green beans", "butternut squash", "sun-dried tomatoes",
]
CANONICAL_FOODS.update(_phrases)
CANONICAL_FOODS.update(w for w in _words)  # single words (harmless extras like "red" are never foods alone)

# Foods that may appear as plain counts ("2 eggs", "1 red onion").
COUNTABLE_HINTS = ("egg", "onion", "tomato", "potato", "carrot", "lemon", "lime", "orange", "apple",
                   "banana", "avocado", "mango", "pepper", "jalapeño", "chil", "zucchini", "eggplant",
                   "cucumber", "tortilla", "pita", "leek", "bay lea", "date", "almond", "radish",
                   "plantain", "disc", "sheet", "wrapper", "star anise", "cinnamon stick", "stalk",
                   "corn cob", "peach", "bun", "pickle", "anchov", "olive", "sausage", "celery")


# ---- rough calorie table: food -> (kcal per 100 g, grams per counted item, grams per tbsp) ----
# Only for sanity-checking portion sizes in the seed data; values are approximate.
_KCAL = """
aji amarillo paste 60 0 16; allspice 260 0 6; almond milk 15 0 15; almonds 580 1.2 9; anchovies 210 4 15;
apple 52 180 15; apple cider vinegar 20 0 15; arborio rice 350 0 12; arugula 25 0 5; asparagus 20 15 15;
avocado 160 150 15; bacon 420 25 15; baking powder 50 0 12; baking soda 0 0 14; balsamic vinegar 90 0 16;
banana 90 120 15; basil 23 0 2; basmati rice 355 0 12; bay leaf 0 0.2 1; bean sprouts 30 0 5;
beef chuck 200 0 15; beef steak 180 0 15; beef stock 5 0 15; black beans 340 0 12; black pepper 250 0 7;
blue cheese 350 0 10; blueberries 57 1 10; bok choy 13 100 5; bread 265 40 5; breadcrumbs 395 0 7;
broccoli 34 0 5; brown sugar 380 0 13; bulgur 340 0 11; burger buns 270 60 5; butter 720 0 14;
butternut squash 45 0 10; cabbage 25 0 5; canned black beans 90 0 15; canned chickpeas 120 0 15;
canned hominy 70 0 15; canned kidney beans 100 0 15; canned tomatoes 20 0 15; canned tuna 130 0 15;
canned white beans 100 0 15; capers 23 0 9; carrot 41 70 8; cashews 553 1.5 9; cassava flour 350 0 8;
cauliflower 25 600 5; celery 16 40 8; cheddar 400 0 7; cherry tomatoes 18 15 10; chia seeds 490 0 12;
chicken breast 120 0 15; chicken drumsticks 130 100 15; chicken stock 5 0 15; chicken thigh 170 0 15;
chickpea flour 387 0 8; chili bean paste 150 0 18; chili flakes 300 0 6; chili oil 800 0 13;
chili powder 280 0 8; chipotle in adobo 60 10 15; chorizo 400 0 15; cilantro 23 0 2; cinnamon 250 0 8;
cinnamon stick 0 3 3; cocoa powder 230 0 5; coconut milk 190 0 15; coconut oil 860 0 13; cod 82 0 15;
cooked rice 130 0 12; corn 86 0 10; corn cob 86 100 10; corn starch 380 0 8; corn tortillas 218 26 5;
cornmeal 370 0 9; couscous 376 0 11; cream cheese 340 0 15; cucumber 15 300 8; cumin 375 0 6;
curry powder 325 0 6; dark chocolate 550 0 8; dates 280 24 15; desiccated coconut 660 0 5;
dijon mustard 65 0 15; dill 43 0 2; dried chilies 300 0.5 2; wakame 45 0 2; dulce de leche 315 0 20;
egg 143 50 15; egg noodles 385 0 10; egg yolks 320 17 15; eggplant 25 300 5; empanada discs 300 35 5;
feta 265 0 10; filo pastry 300 0 5; fish sauce 35 0 18; fish stock 5 0 15; flattened rice 350 0 6;
flaxseed 530 0 10; flour 364 0 8; flour tortillas 300 50 5; açaí pulp 70 0 15; edamame 100 0 10;
frozen peas 80 0 10; garam masala 380 0 6; garlic 149 4 8; garlic powder 330 0 9; ginger 80 0 6;
glass noodles 350 0 8; goat cheese 360 0 15; gochujang 210 0 19; greek yogurt 100 0 15;
green beans 31 0 8; green bell pepper 20 150 8; green curry paste 100 0 16; green onions 32 15 6;
ground beef 240 0 15; ground chicken 150 0 15; ground coriander 300 0 5; ground lamb 280 0 15;
ground pork 260 0 15; ground turkey 150 0 15; halloumi 320 0 15; ham 120 0 15; heavy cream 340 0 15;
honey 304 0 21; hot sauce 10 0 15; hummus 170 0 15; jalapeño 29 15 8; kale 49 0 5; ketchup 110 0 17;
kimchi 15 0 15; lamb 230 0 15; lasagna sheets 360 0 10; leek 61 100 8; lemon 29 100 15;
lemon juice 22 0 15; lemongrass stalk 99 15 6; lentils 350 0 12; lettuce 15 0 5; lime 30 65 15;
lime juice 25 0 15; mango 60 200 15; maple syrup 260 0 20; mayonnaise 680 0 14; milk 60 0 15;
mint 44 0 2; mirin 240 0 18; miso 200 0 17; mozzarella 280 0 7; mushrooms 22 15 5; mussels 30 0 15;
mustard seeds 500 0 9; nori sheets 35 3 3; nutmeg 525 0 7; nutritional yeast 330 0 5; oats 380 0 6;
olive oil 884 0 13.5; olives 115 4 9; onion 40 150 10; orange 47 130 15; oregano 265 0 3;
oyster sauce 50 0 18; paneer 320 0 15; panko 370 0 4; paprika 282 0 7; parmesan 420 0 5;
parsley 36 0 2; pasta 355 0 10; peach 39 150 15; peanut butter 590 0 16; peanuts 567 0 9; penne 355 0 10;
pesto 450 0 15; pickles 11 60 15; pine nuts 673 0 9; pineapple 50 0 15; pita 275 60 5; plantain 122 200 15;
polenta 370 0 9; popcorn kernels 380 0 12; pork loin 145 0 15; pork sausages 280 65 15;
pork shoulder 220 0 15; potato 77 220 10; precooked corn flour 360 0 8; provolone 350 0 15; quinoa 370 0 12;
radish 16 10 8; raisins 300 0 10; red bell pepper 31 160 8; red chilies 40 10 8; red curry paste 100 0 16;
red lentils 350 0 12; red onion 40 150 10; red wine 85 0 15; red wine vinegar 20 0 15; rice 360 0 12;
rice noodles 360 0 10; rice paper wrappers 340 9 5; rice vinegar 20 0 15; ricotta 170 0 15; rosemary 130 0 3;
saffron 0 0 1; salmon 200 0 15; salsa 30 0 15; salt 0 0 18; sardines 210 0 15; sesame oil 884 0 13.5;
sesame seeds 570 0 9; shortcrust pastry disc 450 230 5; shrimp 85 0 15; smoked haddock 100 0 15;
smoked paprika 282 0 7; smoked salmon 117 0 15; soba noodles 340 0 10; sour cream 200 0 15;
soy sauce 53 0 16; spaghetti 355 0 10; spinach 23 0 5; squid 92 0 15; sriracha 93 0 17; star anise 0 0.5 2;
sticky rice 370 0 12; strawberries 32 12 10; sugar 400 0 12.5; sumac 240 0 6; sunflower seeds 584 0 9;
sweet potato 86 250 10; sweetened condensed milk 320 0 20; tahini 595 0 15; tapioca starch 355 0 8;
thyme 100 0 3; tofu 130 0 15; tomatillos 32 0 15; tomato 18 120 15; tomato paste 82 0 16;
tortilla chips 490 0 5; tuna steak 110 0 15; turkey breast 105 0 15; turmeric 312 0 7; vanilla extract 288 0 13;
vegetable oil 884 0 13.5; vegetable stock 5 0 15; vinegar 20 0 15; walnuts 654 0 8; water 0 0 15;
white fish 85 0 15; white wine 82 0 15; whole chicken 150 0 15; whole wheat bread 250 40 5; yeast 325 0 9;
yogurt 65 0 15; zucchini 17 200 8; pitas 275 60 5
"""
KCAL = {}
for _item in _KCAL.replace("\n", " ").split(";"):
    _parts = _item.split()
    if _parts:
        KCAL[" ".join(_parts[:-3])] = tuple(float(x) for x in _parts[-3:])


def qty_value(q: str) -> float:
    if "/" in q:
        a, b = q.split("/")
        return float(a) / float(b)
    return float(q)


def kcal_of(kind, qty, unit, food, prep):
    """Rough kcal for one parsed ingredient line, or None if the food is not in the table."""
    entry = next((KCAL[v] for v in singular_variants(food) if v in KCAL), None)
    if entry is None:
        return None
    per100, per_count, per_tbsp = entry
    if kind == "taste":
        return 0.0
    n = qty_value(qty)
    grams = {"g": n, "kg": n * 1000, "ml": n, "l": n * 1000, "tbsp": n * per_tbsp,
             "tsp": n * per_tbsp / 3, "pinch": n * 0.4, "clove": n * 4, "cloves": n * 4,
             None: n * per_count}[unit]
    if unit in ("ml", "l") and "oil" in food:
        grams *= 0.92
    if "large" in prep and unit is None:
        grams *= 1.4
    return grams * per100 / 100


# ---- diet keyword heuristics -------------------------------------------------
MEAT_FISH = ["chicken", "beef", "pork", "lamb", "turkey", "bacon", "chorizo", "ham", "sausage",
             "salmon", "tuna", "cod", "fish", "shrimp", "mussel", "squid", "anchov", "sardine",
             "haddock", "gelatin", "oyster sauce", "kimchi", "lard", "prawn", "clam", "crab"]
MEAT_FISH_EXCEPT = ["chickpea"]
ANIMAL_NONMEAT = ["egg", "milk", "butter", "cheese", "cheddar", "mozzarella", "parmesan", "feta",
                  "ricotta", "cream", "yogurt", "honey", "ghee", "dulce de leche", "mayonnaise",
                  "pesto", "paneer", "halloumi", "provolone", "chipá", "condensed milk"]
PLANT_EXCEPT = ["butternut", "almond milk", "coconut milk", "plant-based milk", "oat milk", "soy milk",
                "peanut butter", "almond butter", "coconut cream", "coconut yogurt", "eggplant",
                "cream of tartar"]
GLUTEN = ["flour", "bread", "breadcrumb", "panko", "pasta", "spaghetti", "penne", "macaroni",
          "lasagna", "noodle", "couscous", "bulgur", "soy sauce", "beer", "oats", "pita", "tortilla",
          "barley", "semolina", "pastry", "empanada disc", "soba", "burger bun", "gochujang", "miso",
          "oyster sauce", "chili bean paste", "filo", "seitan", "wheat", "cracker", "tortilla chips",
          "sausage"]
GLUTEN_EXCEPT = ["corn tortilla", "rice noodle", "glass noodle", "corn flour", "rice flour",
                 "chickpea flour", "almond flour", "cassava flour", "tortilla chips",
                 "precooked corn flour", "tapioca"]
DAIRY = ["milk", "butter", "cheese", "cheddar", "mozzarella", "parmesan", "feta", "ricotta",
         "cream", "yogurt", "ghee", "dulce de leche", "pesto", "paneer", "halloumi", "provolone",
         "whey", "kefir", "condensed milk"]


def has_kw(food: str, kws, excepts) -> bool:
    f = food
    for e in excepts:
        f = f.replace(e, " ")
    return any(k in f for k in kws)


def parse_line(line: str):
    """Return (kind, qty, unit, food, prep) or None if the line breaks the rules."""
    m = RE_TASTE.match(line)
    if m:
        return ("taste", None, None, m["food"], "")
    m = RE_UNIT.match(line)
    if m:
        return ("unit", m["qty"], m["unit"], m["food"], (m["prep"] or "")[2:])
    m = RE_COUNT.match(line)
    if m and m["food"].split()[0] not in MASS_UNITS:
        return ("count", m["qty"], None, m["food"], (m["prep"] or "")[2:])
    return None


def singular_variants(food: str):
    yield food
    yield food + "s"
    if food.endswith("ies"):
        yield food[:-3] + "y"
    if food.endswith("ves"):
        yield food[:-3] + "f"
    if food.endswith("es"):
        yield food[:-2]
    if food.endswith("s"):
        yield food[:-1]


def load_extra_foods():
    extras = set()
    if EXTRA_FOODS_PATH.exists():
        for raw in EXTRA_FOODS_PATH.read_text(encoding="utf-8").splitlines():
            raw = raw.strip()
            if not raw or raw.startswith("#"):
                continue
            name = re.split(r"\s+[-—:]\s+|\t", raw, maxsplit=1)[0].strip().lower()
            extras.add(name)
    return extras


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    recipes = data.get("recipe", [])
    errors, warnings = [], []
    extras = load_extra_foods()
    known = CANONICAL_FOODS | extras
    unknown_foods, used_extras = Counter(), set()

    ids = Counter(r.get("id") for r in recipes)
    for rid, n in ids.items():
        if n > 1:
            errors.append(f"duplicate id {rid!r} ({n}x)")

    stats = Counter()
    meal_counts, cuisine_counts, protein_counts, serving_counts = Counter(), Counter(), Counter(), Counter()
    all_foods = Counter()
    kcal_rows = []

    for r in recipes:
        rid = r.get("id", "<missing id>")
        for key, typ in REQUIRED.items():
            if key not in r:
                errors.append(f"{rid}: missing field {key}")
            elif not isinstance(r[key], typ) or (typ is int and isinstance(r[key], bool)):
                errors.append(f"{rid}: field {key} should be {typ.__name__}")
        if any(k not in REQUIRED for k in r):
            warnings.append(f"{rid}: unexpected fields {[k for k in r if k not in REQUIRED]}")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(rid)):
            errors.append(f"{rid}: id is not a lowercase slug")
        if not str(r.get("title_es", "")).strip():
            errors.append(f"{rid}: empty title_es")
        if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", str(r.get("cuisine", ""))):
            errors.append(f"{rid}: cuisine not a lowercase slug")
        if not (isinstance(r.get("servings"), int) and r["servings"] > 0):
            errors.append(f"{rid}: servings must be positive")
        if not (isinstance(r.get("minutes"), int) and r["minutes"] > 0):
            errors.append(f"{rid}: minutes must be positive")
        meals = r.get("meals", [])
        if not meals or any(m not in MEALS for m in meals) or len(set(meals)) != len(meals):
            errors.append(f"{rid}: bad meals {meals}")
        if r.get("main_protein") not in PROTEINS:
            errors.append(f"{rid}: bad main_protein {r.get('main_protein')!r}")
        for t in r.get("tags", []):
            if t in DIET_TAGS:
                errors.append(f"{rid}: diet tag {t!r} must not be stored in tags")
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", t):
                errors.append(f"{rid}: tag {t!r} not a slug")
        steps = r.get("steps", [])
        if not 2 <= len(steps) <= 7:
            errors.append(f"{rid}: {len(steps)} steps (want 2-7)")
        if not r.get("ingredients"):
            errors.append(f"{rid}: no ingredients")

        foods = []
        kcal_total, kcal_missing = 0.0, []
        for line in r.get("ingredients", []):
            p = parse_line(line)
            if p is None:
                errors.append(f"{rid}: ingredient line breaks the rules: {line!r}")
                continue
            kind, qty, unit, food, prep = p
            if "cup" in line.split():
                errors.append(f"{rid}: 'cup' not allowed: {line!r}")
            if unit in ("clove", "cloves") and food != "garlic":
                errors.append(f"{rid}: clove unit only for garlic: {line!r}")
            if food == "garlic" and kind == "unit" and unit not in ("clove", "cloves"):
                warnings.append(f"{rid}: garlic not in cloves: {line!r}")
            if unit == "clove" and qty not in ("1", "1/2"):
                errors.append(f"{rid}: use 'cloves' for plural: {line!r}")
            if unit == "cloves" and qty in ("1", "1/2"):
                errors.append(f"{rid}: use 'clove' for one: {line!r}")
            if kind == "count" and not any(h in food for h in COUNTABLE_HINTS) and food not in ("whole chicken",):
                warnings.append(f"{rid}: counted item looks uncountable: {line!r}")
            match = next((v for v in singular_variants(food) if v in known), None)
            if match is None:
                unknown_foods[food] += 1
            elif match not in CANONICAL_FOODS:
                used_extras.add(match)
            foods.append(food)
            all_foods[food] += 1
            k = kcal_of(kind, qty, unit, food, prep)
            if k is None:
                kcal_missing.append(food)
            else:
                kcal_total += k
        if kcal_missing:
            warnings.append(f"{rid}: no calorie data for {kcal_missing}")
        serv = r.get("servings") or 1
        kcal_rows.append((round(kcal_total / serv), rid, meals, r.get("tags", [])))

        veg = not any(has_kw(f, MEAT_FISH, MEAT_FISH_EXCEPT) for f in foods)
        vegan = veg and not any(has_kw(f, ANIMAL_NONMEAT, PLANT_EXCEPT) for f in foods)
        gf = not any(has_kw(f, GLUTEN, GLUTEN_EXCEPT) for f in foods)
        df = not any(has_kw(f, DAIRY, PLANT_EXCEPT) for f in foods)
        if veg and r.get("main_protein") in {"chicken", "beef", "pork", "lamb", "turkey", "fish", "shellfish"}:
            errors.append(f"{rid}: meat main_protein but no meat ingredient")
        stats["vegetarian"] += veg
        stats["vegan"] += vegan
        stats["gluten_free"] += gf
        stats["dairy_free"] += df
        if r.get("main_protein") in ("fish", "shellfish") and {"lunch", "dinner"} & set(meals):
            stats["fish_shellfish_mains"] += 1
        mins = r.get("minutes", 0)
        stats["<=15 min"] += mins <= 15
        stats["<=30 min"] += mins <= 30
        stats["45-120 min"] += 45 <= mins <= 120
        stats[">120 min"] += mins > 120
        for m in meals:
            meal_counts[m] += 1
        cuisine_counts[r.get("cuisine")] += 1
        protein_counts[r.get("main_protein")] += 1
        serving_counts[r.get("servings")] += 1

    minimums = {
        "recipes": (len(recipes), 220),
        "breakfast": (meal_counts["breakfast"], 45),
        "lunch": (meal_counts["lunch"], 80),
        "dinner": (meal_counts["dinner"], 100),
        "snack": (meal_counts["snack"], 30),
        "vegetarian": (stats["vegetarian"], 70),
        "vegan": (stats["vegan"], 35),
        "gluten_free": (stats["gluten_free"], 60),
        "dairy_free": (stats["dairy_free"], 90),
        "fish_shellfish_mains": (stats["fish_shellfish_mains"], 20),
        "cuisines": (len(cuisine_counts), 15),
        "<=15 min": (stats["<=15 min"], 50),
        "<=30 min": (stats["<=30 min"], 120),
        "45-120 min": (stats["45-120 min"], 1),
    }
    print(f"file: {path}")
    print("\n== balance (value / minimum) ==")
    for name, (val, mn) in minimums.items():
        flag = "ok " if val >= mn else "LOW"
        print(f"  [{flag}] {name:22s} {val:4d} / {mn}")
        if val < mn:
            errors.append(f"balance: {name} = {val} < {mn}")
    print(f"  {'>120 min':28s} {stats['>120 min']:4d}")
    print("\n== cuisines ==\n  " + ", ".join(f"{c} {n}" for c, n in cuisine_counts.most_common()))
    print("== main_protein ==\n  " + ", ".join(f"{c} {n}" for c, n in protein_counts.most_common()))
    print("== servings ==\n  " + ", ".join(f"{c}: {n}" for c, n in sorted(serving_counts.items())))

    # calorie sanity (rough, informational): expected kcal per serving by meal type
    ranges = {"breakfast": (250, 650), "lunch": (350, 900), "dinner": (400, 900), "snack": (60, 350)}
    print("\n== rough kcal per serving (min / median / max) ==")
    for meal in ("breakfast", "lunch", "dinner", "snack"):
        vals = sorted(k for k, _, m, _ in kcal_rows if meal in m)
        if vals:
            print(f"  {meal:10s} {vals[0]:5d} / {vals[len(vals) // 2]:5d} / {vals[-1]:5d}  (n={len(vals)})")
    odd = []
    for k, rid, meals, tags in kcal_rows:
        # a recipe only needs to fit one of its meal types (e.g. big empanada batch = meal or snack)
        if "side" in tags:
            continue
        if not any(ranges[m][0] <= k <= ranges[m][1] for m in meals):
            odd.append(f"{rid} ~{k} kcal ({'/'.join(meals)})")
    if odd:
        print("  outside the usual range for all its meal types:")
        for o in odd:
            print("   -", o)

    if unknown_foods:
        errors.append(f"{len(unknown_foods)} food names neither canonical nor listed in {EXTRA_FOODS_PATH.name}")
        print("\n== unknown food names (add to recipes_extra_foods.txt or rename) ==")
        for f, n in unknown_foods.most_common():
            print(f"  {f} ({n})")
    unused = extras - used_extras
    if unused:
        warnings.append(f"extra foods listed but unused: {sorted(unused)}")

    for w in warnings:
        print("WARN:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"\n{len(recipes)} recipes, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
