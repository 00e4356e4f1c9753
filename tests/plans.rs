//! Planning as a household does it, through the services on a real store:
//! generate, edit, cook, leftovers, shopping list, undo.

mod common;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use common::TestDb;
use kecarajocomer::domain::flags::Diet;
use kecarajocomer::domain::household::{Household, Preferences};
use kecarajocomer::domain::recipe::MealType;
use kecarajocomer::services::plans::PlanOptions;
use kecarajocomer::services::{Kitchen, ServiceError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 18, 0, 0).unwrap()
}

fn monday() -> NaiveDate {
    "2026-11-30".parse().unwrap()
}

async fn setup(prefs: Preferences) -> (TestDb, Kitchen, Household) {
    let db = TestDb::sqlite().await;
    let k = Kitchen::new(db.store());
    k.seed_catalog(now()).await.unwrap();
    let h = k.ensure_household("casa", &prefs, now()).await.unwrap();
    (db, k, h)
}

fn week(meals: Vec<MealType>) -> PlanOptions {
    PlanOptions {
        start: Some(monday()),
        days: Some(7),
        meals: Some(meals),
        seed: Some(11),
        ..PlanOptions::default()
    }
}

#[tokio::test]
async fn plan_edit_and_undo_a_week() {
    let (db, k, h) = setup(Preferences {
        household_size: 4,
        kcal_per_day: Some(2200),
        ..Preferences::default()
    })
    .await;
    let plan = k
        .plan_week(&h, &week(vec![MealType::Lunch, MealType::Dinner]), now())
        .await
        .unwrap();
    assert_eq!(plan.slots.len(), 14);
    let stored = k.stored_plan(h.id, monday(), 7).await.unwrap();
    assert_eq!(
        stored.slots, plan.slots,
        "the plan is the household's calendar now"
    );

    let tue = monday() + Days::new(1);
    let thu = monday() + Days::new(3);
    let before = stored.slot(tue, MealType::Dinner).unwrap().recipe.clone();
    let fish = k
        .replace_meal(
            &h,
            tue,
            MealType::Dinner,
            Some("something with fish"),
            now(),
        )
        .await
        .unwrap();
    assert_ne!(fish.recipe, before);
    let catalog = k.catalog_index(h.id).await.unwrap();
    let r = catalog.get(fish.recipe.as_deref().unwrap()).unwrap();
    assert!(
        r.flags.has(kecarajocomer::domain::flags::Flag::Fish),
        "{}",
        r.id()
    );

    let (a, b) = k
        .swap_meals(
            h.id,
            (tue, MealType::Dinner),
            (thu, MealType::Dinner),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(b.recipe, fish.recipe);
    assert_eq!(a.date, tue);

    // Undo twice: the swap, then the replacement.
    assert_eq!(k.undo(h.id, now()).await.unwrap().kind, "swap");
    assert_eq!(
        k.stored_plan(h.id, monday(), 7)
            .await
            .unwrap()
            .slot(tue, MealType::Dinner)
            .unwrap()
            .recipe,
        fish.recipe
    );
    assert_eq!(k.undo(h.id, now()).await.unwrap().kind, "replace");
    assert_eq!(
        k.stored_plan(h.id, monday(), 7)
            .await
            .unwrap()
            .slot(tue, MealType::Dinner)
            .unwrap()
            .recipe,
        before
    );

    let cleared = k
        .clear_meal(h.id, thu, MealType::Lunch, now())
        .await
        .unwrap();
    assert!(
        k.stored_plan(h.id, monday(), 7)
            .await
            .unwrap()
            .slot(thu, MealType::Lunch)
            .is_none()
    );
    k.undo(h.id, now()).await.unwrap();
    assert_eq!(
        k.stored_plan(h.id, monday(), 7)
            .await
            .unwrap()
            .slot(thu, MealType::Lunch),
        Some(&cleared)
    );

    // Undo the plan itself: the calendar is empty again.
    k.undo(h.id, now()).await.unwrap();
    assert!(
        k.stored_plan(h.id, monday(), 7)
            .await
            .unwrap()
            .slots
            .is_empty()
    );
    assert!(matches!(
        k.undo(h.id, now()).await,
        Err(ServiceError::NotFound(_))
    ));
    db.cleanup().await;
}

#[tokio::test]
async fn set_meal_respects_the_household() {
    let (db, k, h) = setup(Preferences {
        diets: vec![Diet::Vegetarian],
        ..Preferences::default()
    })
    .await;
    k.plan_week(&h, &week(vec![MealType::Dinner]), now())
        .await
        .unwrap();
    let catalog = k.catalog_index(h.id).await.unwrap();
    let meaty = catalog
        .recipes
        .iter()
        .find(|r| !r.suits(Diet::Vegetarian))
        .unwrap();
    let err = k
        .set_meal(&h, monday(), MealType::Dinner, meaty.id(), now())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("is not vegetarian"), "{err}");
    let veggie = catalog
        .recipes
        .iter()
        .find(|r| r.suits(Diet::Vegetarian) && r.spec.meals.contains(&MealType::Dinner))
        .unwrap();
    let slot = k
        .set_meal(&h, monday(), MealType::Dinner, &veggie.spec.title, now())
        .await
        .unwrap();
    assert_eq!(slot.recipe.as_deref(), Some(veggie.id()));
    db.cleanup().await;
}

#[tokio::test]
async fn cooking_deducts_the_pantry_and_undo_puts_it_back() {
    let (db, k, h) = setup(Preferences {
        household_size: 2,
        ..Preferences::default()
    })
    .await;
    k.plan_week(&h, &week(vec![MealType::Dinner]), now())
        .await
        .unwrap();
    let catalog = k.catalog_index(h.id).await.unwrap();
    // Put the exact recipe in Monday's slot and stock its ingredients.
    let recipe = catalog
        .get("shakshuka")
        .or_else(|| {
            catalog
                .recipes
                .iter()
                .find(|r| r.spec.meals.contains(&MealType::Dinner))
        })
        .unwrap();
    k.set_meal(&h, monday(), MealType::Dinner, recipe.id(), now())
        .await
        .unwrap();
    for ing in &recipe.ingredients {
        if let Some(q) = ing.quantity {
            let line = format!("{} {} {}", q.upper() * 4.0, q.unit.symbol(), ing.name);
            k.pantry_add(h.id, &line, None, None, now()).await.unwrap();
        }
    }
    let before = k.pantry_list(h.id).await.unwrap();
    let subs = k
        .cooked(h.id, monday(), MealType::Dinner, now())
        .await
        .unwrap();
    assert!(
        subs.iter().all(|s| s.short == 0.0),
        "everything was on hand: {subs:?}"
    );
    let after = k.pantry_list(h.id).await.unwrap();
    assert_ne!(before, after);
    assert!(k.stored_plan(h.id, monday(), 1).await.unwrap().slots[0].cooked);
    let again = k.cooked(h.id, monday(), MealType::Dinner, now()).await;
    assert!(matches!(again, Err(ServiceError::Invalid(_))));

    k.undo(h.id, now()).await.unwrap();
    let restored = k.pantry_list(h.id).await.unwrap();
    let key = |v: &Vec<kecarajocomer::domain::pantry::PantryItem>| {
        let mut x: Vec<(String, i64)> = v
            .iter()
            .map(|i| (i.name.clone(), (i.amount * 1000.0).round() as i64))
            .collect();
        x.sort();
        x
    };
    assert_eq!(key(&restored), key(&before));
    assert!(!k.stored_plan(h.id, monday(), 1).await.unwrap().slots[0].cooked);
    db.cleanup().await;
}

#[tokio::test]
async fn leftovers_and_the_shopping_list_of_a_plan() {
    let (db, k, h) = setup(Preferences {
        household_size: 2,
        ..Preferences::default()
    })
    .await;
    k.plan_week(&h, &week(vec![MealType::Dinner]), now())
        .await
        .unwrap();
    let left = k
        .leftovers(h.id, monday(), MealType::Dinner, now())
        .await
        .unwrap();
    let plan = k.stored_plan(h.id, monday(), 7).await.unwrap();
    let mon = plan.slot(monday(), MealType::Dinner).unwrap();
    assert_eq!(left.recipe, mon.recipe);
    assert_eq!(left.leftover_of, Some(monday()));
    assert_eq!(mon.servings, 2.0 * left.servings);

    k.pantry_add(h.id, "5 kg rice", None, None, now())
        .await
        .unwrap();
    let items = k.shopping_for_plan(h.id, monday(), 7, now()).await.unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i.name != "rice"), "rice is on hand");
    let list = k.shopping_list(h.id).await.unwrap();
    let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
    let mut dedup = names.clone();
    dedup.dedup();
    assert_eq!(names, dedup, "one line per food");
    db.cleanup().await;
}

#[tokio::test]
async fn bad_requests_say_what_to_do() {
    let (db, k, h) = setup(Preferences::default()).await;
    let err = k
        .plan_week(
            &h,
            &PlanOptions {
                days: Some(40),
                ..PlanOptions::default()
            },
            now(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("between 1 and 28"));
    let err = k
        .swap_meals(
            h.id,
            (monday(), MealType::Dinner),
            (monday(), MealType::Lunch),
            now(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("plan the week first"), "{err}");
    db.cleanup().await;
}
