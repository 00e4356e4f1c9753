//! The planner over the seed catalog: hard constraints always hold (a
//! property test over random households and catalogs), goals are met
//! where the catalog allows, and every shortfall is explained.

use chrono::NaiveDate;
use kecarajocomer::domain::flags::{Allergen, Diet};
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::household::{Language, MemberPreferences, Preferences};
use kecarajocomer::domain::pantry::{Location, PantryItem};
use kecarajocomer::domain::recipe::{MealType, Recipe};
use kecarajocomer::domain::units::Unit;
use kecarajocomer::planner::plan::{Plan, day_nutrition};
use kecarajocomer::planner::search::{Filters, from_pantry, search};
use kecarajocomer::planner::validate::{Targets, validate};
use kecarajocomer::planner::{Catalog, Constraints, PlanRequest, generate};
use kecarajocomer::services::recipes::seed_specs;
use proptest::prelude::*;
use std::sync::LazyLock;

static RECIPES: LazyLock<Vec<Recipe>> = LazyLock::new(|| {
    seed_specs()
        .unwrap()
        .into_iter()
        .map(|s| Recipe::from_spec(s, FoodTable::builtin()).unwrap())
        .collect()
});
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::new(RECIPES.clone(), FoodTable::builtin()));

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn request(constraints: Constraints, targets: Targets, seed: u64) -> PlanRequest {
    PlanRequest {
        start: date("2026-11-30"),
        days: 7,
        meals: vec![MealType::Breakfast, MealType::Lunch, MealType::Dinner],
        people: 2,
        constraints,
        targets,
        seed,
        today: date("2026-11-29"),
        language: Language::En,
    }
}

fn no_hard_violations(plan: &Plan, c: &Constraints, catalog: &Catalog) -> Result<(), String> {
    for s in &plan.slots {
        if let Some(id) = &s.recipe {
            let pos = catalog.position(id).ok_or("unknown recipe")?;
            let v = c.violations(&catalog.facts[pos], s.meal);
            if !v.is_empty() {
                return Err(format!("{} {} {id}: {v:?}", s.date, s.meal));
            }
        }
    }
    Ok(())
}

#[test]
fn same_seed_same_plan_other_seed_other_plan() {
    let t = FoodTable::builtin();
    let req = request(
        Constraints::default(),
        Targets {
            kcal_per_day: Some(2000.0),
            ..Targets::default()
        },
        42,
    );
    let a = generate(&req, &CATALOG, &[], t);
    let b = generate(&req, &CATALOG, &[], t);
    assert_eq!(a, b);
    let c = generate(&PlanRequest { seed: 43, ..req }, &CATALOG, &[], t);
    assert_ne!(a.slots, c.slots);
    assert_eq!(a.slots.len(), 21);
    assert!(a.slots.iter().all(|s| s.recipe.is_some()));
}

#[test]
fn hits_calorie_targets_without_repeats() {
    let t = FoodTable::builtin();
    for (kcal, seed) in [(1800.0, 1), (2000.0, 2), (2400.0, 3), (2800.0, 4)] {
        let req = request(
            Constraints::default(),
            Targets {
                kcal_per_day: Some(kcal),
                ..Targets::default()
            },
            seed,
        );
        let plan = generate(&req, &CATALOG, &[], t);
        let within = plan
            .dates()
            .filter(|d| {
                let got = day_nutrition(&plan, *d, &CATALOG).kcal;
                (got - kcal).abs() / kcal <= 0.10
            })
            .count();
        assert_eq!(within, 7, "{kcal} kcal: {:?}", plan.relaxed);
        let mut ids: Vec<_> = plan.slots.iter().filter_map(|s| s.recipe.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 21, "no recipe twice in a week");
    }
}

#[test]
fn members_restrictions_apply_to_shared_meals() {
    let t = FoodTable::builtin();
    let prefs = Preferences {
        allergies: vec![Allergen::Peanuts],
        dislikes: vec!["mushrooms".into()],
        ..Preferences::default()
    };
    let lucas = MemberPreferences {
        diets: vec![Diet::Vegetarian],
        ..MemberPreferences::default()
    };
    let c = Constraints::for_household(&prefs, &[MemberPreferences::default(), lucas], t);
    let plan = generate(&request(c.clone(), Targets::default(), 7), &CATALOG, &[], t);
    no_hard_violations(&plan, &c, &CATALOG).unwrap();
    for s in &plan.slots {
        let r = CATALOG.get(s.recipe.as_deref().unwrap()).unwrap();
        assert!(
            r.suits(Diet::Vegetarian) && !r.contains(Allergen::Peanuts),
            "{}",
            r.id()
        );
        assert!(
            !r.ingredients.iter().any(|i| i.name == "mushroom"),
            "{}",
            r.id()
        );
    }
}

#[test]
fn impossible_constraints_leave_slots_empty_and_say_why() {
    let t = FoodTable::builtin();
    let mut c = Constraints {
        diets: vec![Diet::Vegan],
        allergies: vec![Allergen::Nuts, Allergen::Soy, Allergen::Gluten],
        ..Constraints::default()
    };
    c.max_minutes = Some(5);
    let mut req = request(
        c.clone(),
        Targets {
            kcal_per_day: Some(2000.0),
            ..Targets::default()
        },
        1,
    );
    req.meals = vec![MealType::Dinner];
    let plan = generate(&req, &CATALOG, &[], t);
    no_hard_violations(&plan, &c, &CATALOG).unwrap();
    assert!(plan.slots.iter().all(|s| s.recipe.is_none()));
    assert!(
        plan.relaxed
            .iter()
            .any(|r| r.goal == "slot" && r.message.contains("vegan")),
        "{:?}",
        plan.relaxed
    );
    // A Spanish household reads why in Spanish.
    req.language = Language::Es;
    let plan = generate(&req, &CATALOG, &[], t);
    assert!(
        plan.relaxed.iter().any(|r| r.goal == "slot"
            && r.message
                .contains("vegana, sin frutos secos, sin soja, sin gluten")
            && r.message.contains("de 5 minutos o menos")),
        "{:?}",
        plan.relaxed
    );

    // A small pool: some repeats, and the plan says so.
    let c = Constraints {
        diets: vec![Diet::Vegan],
        max_minutes: Some(15),
        ..Constraints::default()
    };
    let mut req = request(c.clone(), Targets::default(), 1);
    req.meals = vec![MealType::Dinner];
    req.days = 14;
    let plan = generate(&req, &CATALOG, &[], t);
    no_hard_violations(&plan, &c, &CATALOG).unwrap();
    let filled = plan.slots.iter().filter(|s| s.recipe.is_some()).count();
    assert_eq!(filled, 14);
    assert!(
        plan.relaxed.iter().any(|r| r.goal == "variety"),
        "{:?}",
        plan.relaxed
    );
}

#[test]
fn uses_expiring_pantry_items_first() {
    let t = FoodTable::builtin();
    let spinach = PantryItem {
        id: 1,
        name: "spinach".into(),
        amount: 300.0,
        unit: Unit::Gram,
        expires: Some(date("2026-12-01")),
        location: Location::Fridge,
    };
    let req = request(Constraints::default(), Targets::default(), 5);
    let plan = generate(&req, &CATALOG, std::slice::from_ref(&spinach), t);
    let uses = plan.slots.iter().any(|s| {
        s.date <= date("2026-12-01")
            && CATALOG
                .get(s.recipe.as_deref().unwrap())
                .unwrap()
                .ingredients
                .iter()
                .any(|i| i.name == "spinach")
    });
    assert!(uses, "spinach expiring on Tuesday is used by Tuesday");
}

#[test]
fn validate_lists_broken_constraints_and_goals_in_words() {
    let t = FoodTable::builtin();
    let req = request(
        Constraints::default(),
        Targets {
            kcal_per_day: Some(2000.0),
            ..Targets::default()
        },
        9,
    );
    let mut plan = generate(&req, &CATALOG, &[], t);
    let meaty = CATALOG
        .recipes
        .iter()
        .find(|r| !r.suits(Diet::Vegetarian) && r.spec.meals.contains(&MealType::Dinner))
        .unwrap();
    let dinner = plan
        .slots
        .iter_mut()
        .find(|s| s.meal == MealType::Dinner)
        .unwrap();
    dinner.recipe = Some(meaty.id().to_string());
    dinner.servings = 10.0;
    let strict = Constraints {
        diets: vec![Diet::Vegetarian],
        ..Constraints::default()
    };
    let findings = validate(&plan, &strict, &req.targets, &CATALOG, Language::En);
    assert!(
        findings
            .iter()
            .any(|f| f.goal == "constraint" && f.message.contains("is not vegetarian")),
        "{findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.goal == "calories" && f.message.contains("above")),
        "{findings:?}"
    );
    // The same findings for a Spanish household, in Spanish.
    let hallazgos = validate(&plan, &strict, &req.targets, &CATALOG, Language::Es);
    assert_eq!(hallazgos.len(), findings.len());
    assert!(
        hallazgos.iter().any(|f| f.goal == "constraint"
            && f.message.contains("no es vegetariana")
            && f.message.contains("cena")),
        "{hallazgos:?}"
    );
    assert!(
        hallazgos
            .iter()
            .any(|f| f.goal == "calories" && f.message.contains("por encima de")),
        "{hallazgos:?}"
    );
}

#[test]
fn search_by_text_in_both_languages_and_by_ingredients() {
    let t = FoodTable::builtin();
    let none = Filters::default();
    let hits = search(&CATALOG, "LENTEJAS", &[], &none, t, 10);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| {
        CATALOG.recipes[h.position]
            .ingredients
            .iter()
            .any(|i| i.name.contains("lentil"))
    }));
    let accents = search(&CATALOG, "guiso de lentéjas", &[], &none, t, 5);
    assert!(!accents.is_empty());
    let fish = search(&CATALOG, "something with fish", &[], &none, t, 50);
    assert!(!fish.is_empty());
    assert!(fish.iter().all(|h| {
        CATALOG.facts[h.position]
            .flags
            .has(kecarajocomer::domain::flags::Flag::Fish)
    }));
    let both = search(
        &CATALOG,
        "",
        &["chicken breast".into(), "rice".into()],
        &none,
        t,
        20,
    );
    assert!(!both.is_empty());
    for h in &both {
        let names: Vec<&str> = CATALOG.recipes[h.position]
            .ingredients
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        // Rice in any form ("cooked rice") counts as rice.
        assert!(
            names.contains(&"chicken breast") && names.iter().any(|n| n.ends_with("rice")),
            "{names:?}"
        );
    }
    let quick_vegan = Filters {
        diets: vec![Diet::Vegan],
        max_minutes: Some(15),
        ..Filters::default()
    };
    let hits = search(&CATALOG, "", &[], &quick_vegan, t, 500);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| CATALOG.recipes[h.position].suits(Diet::Vegan)
                && CATALOG.recipes[h.position].spec.minutes <= 15)
    );
}

#[test]
fn pantry_search_ranks_by_what_is_on_hand_and_expiring() {
    let t = FoodTable::builtin();
    let item = |name: &str, expires: Option<&str>| PantryItem {
        id: 0,
        name: name.into(),
        amount: 1.0,
        unit: Unit::Kilogram,
        expires: expires.map(date),
        location: Location::Pantry,
    };
    let pantry = vec![
        item("spinach", Some("2026-11-30")),
        item("egg", None),
        item("onion", None),
        item("garlic", None),
    ];
    let hits = from_pantry(
        &CATALOG,
        &pantry,
        date("2026-11-29"),
        &Filters::default(),
        t,
        10,
    );
    assert!(!hits.is_empty());
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(
        hits[0].expiring_used.contains(&"spinach".to_string()),
        "{hits:?}"
    );
}

#[test]
fn pantry_and_ingredient_search_match_forms_of_a_food() {
    let t = FoodTable::builtin();
    // Recipes use canned chickpeas; the pantry says "chickpeas".
    let pantry = vec![PantryItem {
        id: 0,
        name: "chickpeas".into(),
        amount: 2.0,
        unit: Unit::Can,
        expires: None,
        location: Location::Pantry,
    }];
    let hits = from_pantry(
        &CATALOG,
        &pantry,
        date("2026-11-29"),
        &Filters::default(),
        t,
        5,
    );
    let canned = t.lookup("canned chickpeas").unwrap().id;
    assert!(
        hits.iter().any(|h| CATALOG.facts[h.position].uses(canned)),
        "{hits:?}"
    );
    let hits = search(
        &CATALOG,
        "",
        &["garbanzos".into()],
        &Filters::default(),
        t,
        5,
    );
    assert!(
        hits.iter().any(|h| CATALOG.facts[h.position].uses(canned)),
        "{hits:?}"
    );
}

fn arb_constraints() -> impl Strategy<Value = Constraints> {
    let diets = proptest::sample::subsequence(Diet::ALL.to_vec(), 0..3);
    let allergens = proptest::sample::subsequence(Allergen::ALL.to_vec(), 0..4);
    let dislikes = proptest::sample::subsequence(
        vec![
            "mushrooms",
            "cilantro",
            "tomato",
            "pork",
            "olives",
            "eggplant",
            "coconut",
        ],
        0..3,
    );
    let minutes = proptest::option::of(5u32..90);
    (diets, allergens, dislikes, minutes).prop_map(|(diets, allergies, dislikes, max_minutes)| {
        let prefs = Preferences {
            diets,
            allergies,
            dislikes: dislikes.into_iter().map(String::from).collect(),
            max_minutes,
            ..Preferences::default()
        };
        Constraints::for_household(&prefs, &[], FoodTable::builtin())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]
    #[test]
    fn no_plan_ever_violates_a_hard_constraint(
        constraints in arb_constraints(),
        keep in proptest::collection::vec(any::<bool>(), 295),
        seed in any::<u64>(),
        kcal in proptest::option::of(1400.0f64..3200.0),
        meals in proptest::sample::subsequence(MealType::ALL.to_vec(), 1..4),
        days in 1u32..9,
    ) {
        let t = FoodTable::builtin();
        let subset: Vec<Recipe> = RECIPES.iter().zip(keep.iter().chain(std::iter::repeat(&true))).filter(|(_, k)| **k).map(|(r, _)| r.clone()).collect();
        let catalog = Catalog::new(subset, t);
        let req = PlanRequest {
            start: date("2026-11-30"),
            days,
            meals,
            people: 3,
            constraints: constraints.clone(),
            targets: Targets { kcal_per_day: kcal, ..Targets::default() },
            seed,
            today: date("2026-11-29"),
            language: Language::En,
        };
        let plan = generate(&req, &catalog, &[], t);
        prop_assert_eq!(plan.slots.len(), (days as usize) * req.meals.len());
        if let Err(e) = no_hard_violations(&plan, &constraints, &catalog) {
            prop_assert!(false, "{}", e);
        }
        for s in &plan.slots {
            if s.recipe.is_none() {
                prop_assert!(plan.relaxed.iter().any(|r| r.goal == "slot"));
            }
        }
    }
}
