//! One contract suite for the store, run on SQLite and on PostgreSQL.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use kecarajocomer::domain::flags::{Allergen, Diet};
use kecarajocomer::domain::food::Aisle;
use kecarajocomer::domain::household::{
    HouseholdId, Identity, Language, MemberId, MemberPreferences, Preferences,
};
use kecarajocomer::domain::pantry::{Location, LotChange, PantryItem, Placement};
use kecarajocomer::domain::quantity::Quantity;
use kecarajocomer::domain::recipe::{MealType, RecipeSpec};
use kecarajocomer::domain::shopping::{ItemSource, ShoppingItem};
use kecarajocomer::domain::units::Unit;
use kecarajocomer::planner::plan::Slot;
use kecarajocomer::store::{
    Change, InviteError, PantryWrite, Reminder, ReminderWrite, Repository, ShoppingWrite,
    SlotWrite, StoreError, Writes,
};
use std::sync::Arc;

type Store = Arc<dyn Repository>;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

fn ident(channel: &str, id: &str) -> Identity {
    Identity {
        channel: channel.into(),
        platform_user_id: id.into(),
    }
}

fn spec(id: &str, title: &str) -> RecipeSpec {
    RecipeSpec {
        id: id.into(),
        title: title.into(),
        title_es: Some(format!("{title} (es)")),
        servings: 2,
        minutes: 15,
        meals: vec![MealType::Dinner],
        cuisine: Some("test".into()),
        tags: vec![],
        main_protein: None,
        ingredients: vec!["200 g rice".into()],
        steps: vec!["Cook.".into()],
        source: None,
        attribution: None,
    }
}

fn lot(name: &str, amount: f64, unit: Unit, expires: Option<&str>) -> PantryItem {
    PantryItem {
        id: 0,
        name: name.into(),
        amount,
        unit,
        expires: expires.map(|d| d.parse::<NaiveDate>().unwrap()),
        location: Location::Pantry,
    }
}

fn list_item(name: &str, quantity: Option<Quantity>) -> ShoppingItem {
    ShoppingItem {
        id: 0,
        name: name.into(),
        quantity,
        aisle: Aisle::Produce,
        source: ItemSource::Manual,
        checked: false,
    }
}

async fn households_and_preferences(store: Store) {
    store.ping().await.unwrap();
    let prefs = Preferences {
        diets: vec![Diet::Vegetarian],
        allergies: vec![Allergen::Peanuts],
        kcal_per_day: Some(2100),
        language: Language::Es,
        timezone: "America/Argentina/Buenos_Aires".into(),
        ..Preferences::default()
    };
    let h = store
        .create_household("Casa Pérez", &prefs, now())
        .await
        .unwrap();
    assert_eq!(h.preferences, prefs);
    let found = store
        .household_by_name("casa perez")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, h.id, "names match without case or accents");
    assert_eq!(
        store.household(h.id).await.unwrap().unwrap().name,
        "Casa Pérez"
    );
    let dup = store.create_household("CASA PEREZ", &prefs, now()).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");

    let changed = Preferences {
        max_minutes: Some(30),
        ..prefs.clone()
    };
    store.set_preferences(h.id, &changed).await.unwrap();
    assert_eq!(
        store.household(h.id).await.unwrap().unwrap().preferences,
        changed
    );

    let ana = store.add_member(h.id, "Ana", now()).await.unwrap();
    let lucas = store.add_member(h.id, "Lucas", now()).await.unwrap();
    let veggie = MemberPreferences {
        diets: vec![Diet::Vegetarian],
        ..MemberPreferences::default()
    };
    assert!(
        store
            .set_member_preferences(h.id, lucas.id, &veggie)
            .await
            .unwrap()
    );
    let members = store.members(h.id).await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| m.display_name.as_str())
            .collect::<Vec<_>>(),
        ["Ana", "Lucas"]
    );
    assert_eq!(members[1].preferences, veggie);
    assert_eq!(members[0].id, ana.id);
    assert!(
        store
            .household(HouseholdId(999_999))
            .await
            .unwrap()
            .is_none()
    );
}

async fn identities_and_invites(store: Store) {
    let h = store
        .create_household("flat", &Preferences::default(), now())
        .await
        .unwrap();
    let ana = store.add_member(h.id, "Ana", now()).await.unwrap();
    let tg = ident("telegram", "1001");
    store.link_identity(h.id, ana.id, &tg, now()).await.unwrap();
    store
        .link_identity(h.id, ana.id, &ident("email", "ana@example.org"), now())
        .await
        .unwrap();
    assert_eq!(
        store.resolve_identity(&tg).await.unwrap(),
        Some((h.id, ana.id))
    );
    assert_eq!(
        store.identities(h.id, ana.id).await.unwrap().len(),
        2,
        "one person, several channels"
    );
    let again = store.link_identity(h.id, ana.id, &tg, now()).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))));

    store
        .create_invite(
            h.id,
            Some(ana.id),
            "ABCD2345",
            now(),
            now() + Duration::hours(48),
        )
        .await
        .unwrap();
    let bob = ident("discord", "77");
    let joined = store
        .redeem_invite("ABCD2345", "Bob", &bob, now() + Duration::hours(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(joined.household, h.id);
    assert_eq!(
        store.resolve_identity(&bob).await.unwrap(),
        Some((h.id, joined.member))
    );
    let reuse = store
        .redeem_invite("ABCD2345", "Eve", &ident("discord", "78"), now())
        .await
        .unwrap();
    assert_eq!(reuse, Err(InviteError::Used), "single use");
    assert_eq!(
        store
            .resolve_identity(&ident("discord", "78"))
            .await
            .unwrap(),
        None
    );

    store
        .create_invite(h.id, None, "EXPD2345", now(), now() + Duration::hours(48))
        .await
        .unwrap();
    let late = store
        .redeem_invite(
            "EXPD2345",
            "Late",
            &ident("discord", "79"),
            now() + Duration::hours(49),
        )
        .await
        .unwrap();
    assert_eq!(late, Err(InviteError::Expired));
    let unknown = store
        .redeem_invite("ZZZZ9999", "X", &ident("discord", "80"), now())
        .await
        .unwrap();
    assert_eq!(unknown, Err(InviteError::Unknown));

    store
        .create_invite(h.id, None, "LINK2345", now(), now() + Duration::hours(48))
        .await
        .unwrap();
    let linked = store
        .redeem_invite("LINK2345", "Ana again", &tg, now())
        .await
        .unwrap();
    assert_eq!(linked, Err(InviteError::AlreadyLinked));
    // The failed redemption rolled back: the code is still usable.
    let ok = store
        .redeem_invite("LINK2345", "Carol", &ident("web", "carol"), now())
        .await
        .unwrap();
    assert!(ok.is_ok());
    assert_eq!(store.members(h.id).await.unwrap().len(), 3);

    assert!(store.unlink_identity(h.id, &tg).await.unwrap());
    assert_eq!(store.resolve_identity(&tg).await.unwrap(), None);
}

async fn recipes_seed_and_own(store: Store) {
    let h = store
        .create_household("home", &Preferences::default(), now())
        .await
        .unwrap();
    let seed = vec![
        spec("rice-bowl", "Rice bowl"),
        spec("lentil-stew", "Lentil stew"),
    ];
    assert!(store.seed_catalog("v1", &seed, now()).await.unwrap());
    assert!(
        !store.seed_catalog("v1", &seed, now()).await.unwrap(),
        "same version seeds once"
    );
    let mut changed = seed.clone();
    changed[0].minutes = 20;
    assert!(store.seed_catalog("v2", &changed, now()).await.unwrap());
    let all = store.recipes(h.id).await.unwrap();
    assert_eq!(all.len(), 2, "a new version updates, it does not duplicate");
    assert_eq!(
        store
            .recipe(h.id, "rice-bowl")
            .await
            .unwrap()
            .unwrap()
            .spec
            .minutes,
        20
    );

    let mut mine = spec("rice-bowl", "My rice bowl");
    mine.minutes = 5;
    store.save_recipe(h.id, &mine, now()).await.unwrap();
    let got = store.recipe(h.id, "rice-bowl").await.unwrap().unwrap();
    assert_eq!(
        got.spec.title, "My rice bowl",
        "the household's own recipe comes first"
    );
    assert_eq!(got.household, Some(h.id));
    mine.title = "My rice bowl v2".into();
    store.save_recipe(h.id, &mine, now()).await.unwrap();
    assert_eq!(store.recipes(h.id).await.unwrap().len(), 3);
    assert!(
        !store.delete_recipe(h.id, "lentil-stew").await.unwrap(),
        "the shared catalog is read-only"
    );
    assert!(store.delete_recipe(h.id, "rice-bowl").await.unwrap());
    assert_eq!(
        store
            .recipe(h.id, "rice-bowl")
            .await
            .unwrap()
            .unwrap()
            .household,
        None
    );
}

async fn pantry_lots(store: Store) {
    let h = store
        .create_household("home", &Preferences::default(), now())
        .await
        .unwrap();
    let flour = store
        .place_pantry_item(
            h.id,
            &Placement::New(lot("flour", 500.0, Unit::Gram, None)),
            now(),
        )
        .await
        .unwrap();
    let milk = store
        .place_pantry_item(
            h.id,
            &Placement::New(lot("milk", 1.0, Unit::Litre, Some("2026-12-01"))),
            now(),
        )
        .await
        .unwrap();
    store
        .place_pantry_item(
            h.id,
            &Placement::Merge {
                id: flour,
                amount: 1500.0,
            },
            now(),
        )
        .await
        .unwrap();
    let items = store.pantry(h.id).await.unwrap();
    assert_eq!(items.len(), 2);
    let f = items.iter().find(|i| i.id == flour).unwrap();
    assert_eq!((f.amount, f.unit), (1500.0, Unit::Gram));
    let m = items.iter().find(|i| i.id == milk).unwrap();
    assert_eq!(m.expires, Some("2026-12-01".parse().unwrap()));
    store
        .apply_pantry_changes(
            h.id,
            &[
                LotChange::SetAmount {
                    id: flour,
                    amount: 250.0,
                },
                LotChange::Remove { id: milk },
            ],
        )
        .await
        .unwrap();
    let items = store.pantry(h.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].amount, 250.0);
    let gone = store
        .place_pantry_item(
            h.id,
            &Placement::Merge {
                id: milk,
                amount: 1.0,
            },
            now(),
        )
        .await;
    assert!(matches!(gone, Err(StoreError::Conflict(_))));
}

async fn shopping_list_and_check_off(store: Store) {
    let h = store
        .create_household("home", &Preferences::default(), now())
        .await
        .unwrap();
    let lemons = store
        .insert_shopping_item(
            h.id,
            &list_item("lemon", Some(Quantity::new(2.0, Unit::Piece))),
            now(),
        )
        .await
        .unwrap();
    let salt = store
        .insert_shopping_item(h.id, &list_item("salt", None), now())
        .await
        .unwrap();
    let more = ShoppingItem {
        quantity: Some(Quantity::new(3.0, Unit::Piece)),
        ..lemons.clone()
    };
    assert!(store.update_shopping_item(h.id, &more).await.unwrap());

    let into = Placement::New(lot("lemon", 3.0, Unit::Piece, None));
    let checked = store
        .check_off(h.id, lemons.id, Some(&into), now())
        .await
        .unwrap()
        .unwrap();
    assert!(checked.checked);
    assert_eq!(checked.quantity, Some(Quantity::new(3.0, Unit::Piece)));
    let pantry = store.pantry(h.id).await.unwrap();
    assert_eq!(
        pantry.len(),
        1,
        "checking off moved the lemons into the pantry"
    );
    assert_eq!(pantry[0].amount, 3.0);
    let twice = store
        .check_off(h.id, lemons.id, Some(&into), now())
        .await
        .unwrap();
    assert!(twice.is_none(), "a second check-off changes nothing");
    assert_eq!(store.pantry(h.id).await.unwrap().len(), 1);

    // A failing pantry write rolls the check-off back.
    let bad = Placement::Merge {
        id: 424_242,
        amount: 1.0,
    };
    assert!(
        store
            .check_off(h.id, salt.id, Some(&bad), now())
            .await
            .is_err()
    );
    let items = store.shopping_items(h.id).await.unwrap();
    assert!(!items.iter().find(|i| i.id == salt.id).unwrap().checked);

    assert_eq!(store.clear_checked(h.id).await.unwrap(), 1);
    assert!(store.delete_shopping_item(h.id, salt.id).await.unwrap());
    assert!(store.shopping_items(h.id).await.unwrap().is_empty());
}

fn slot(date: &str, meal: MealType, recipe: &str) -> Slot {
    Slot {
        date: date.parse().unwrap(),
        meal,
        recipe: Some(recipe.into()),
        people: 2,
        servings: 2.5,
        cooked: false,
        leftover_of: None,
    }
}

fn write(s: &Slot) -> SlotWrite {
    SlotWrite {
        date: s.date,
        meal: s.meal,
        slot: Some(s.clone()),
    }
}

async fn calendar_changes_and_undo(store: Store) {
    let h = store
        .create_household("home", &Preferences::default(), now())
        .await
        .unwrap();
    let mon = slot("2026-11-30", MealType::Dinner, "lentil-stew");
    let tue = slot("2026-12-01", MealType::Dinner, "rice-bowl");
    let plan = Change {
        kind: "plan".into(),
        summary: "planned".into(),
        apply: Writes {
            slots: vec![write(&mon), write(&tue)],
            pantry: vec![],
            ..Writes::default()
        },
        undo: Writes {
            slots: vec![
                SlotWrite {
                    date: mon.date,
                    meal: mon.meal,
                    slot: None,
                },
                SlotWrite {
                    date: tue.date,
                    meal: tue.meal,
                    slot: None,
                },
            ],
            pantry: vec![],
            ..Writes::default()
        },
    };
    store.record_change(h.id, &plan, now()).await.unwrap();
    let from = "2026-11-30".parse().unwrap();
    let to = "2026-12-06".parse().unwrap();
    assert_eq!(
        store.plan_slots(h.id, from, to).await.unwrap(),
        vec![mon.clone(), tue.clone()]
    );

    // Cooking Monday: the slot is marked and the pantry changes, together.
    let rice = store
        .place_pantry_item(
            h.id,
            &Placement::New(lot("rice", 1000.0, Unit::Gram, None)),
            now(),
        )
        .await
        .unwrap();
    let before = store.pantry(h.id).await.unwrap();
    let cooked = Slot {
        cooked: true,
        ..mon.clone()
    };
    let cook = Change {
        kind: "cooked".into(),
        summary: "cooked Monday dinner".into(),
        apply: Writes {
            slots: vec![write(&cooked)],
            pantry: vec![
                PantryWrite::SetAmount {
                    id: rice,
                    amount: 800.0,
                },
                PantryWrite::Insert(lot("leftover stew", 2.0, Unit::Piece, None)),
            ],
            shopping: vec![ShoppingWrite::Insert(list_item("bread", None))],
            reminders: vec![ReminderWrite::Insert(Reminder {
                id: 0,
                channel: "web".into(),
                chat_id: "s1".into(),
                text: "defrost".into(),
                due_at: now(),
            })],
            preferences: Some(Preferences {
                household_size: 5,
                ..Preferences::default()
            }),
        },
        undo: Writes {
            slots: vec![write(&mon)],
            pantry: before.iter().cloned().map(PantryWrite::Restore).collect(),
            preferences: Some(Preferences::default()),
            ..Writes::default()
        },
    };
    store.record_change(h.id, &cook, now()).await.unwrap();
    assert!(store.plan_slots(h.id, from, to).await.unwrap()[0].cooked);
    assert_eq!(store.pantry(h.id).await.unwrap().len(), 2);
    assert_eq!(store.shopping_items(h.id).await.unwrap().len(), 1);
    assert_eq!(store.pending_reminders(h.id).await.unwrap().len(), 1);
    assert_eq!(
        store
            .household(h.id)
            .await
            .unwrap()
            .unwrap()
            .preferences
            .household_size,
        5
    );

    let undone = store.undo_last(h.id, now()).await.unwrap().unwrap();
    assert_eq!(undone.kind, "cooked");
    assert!(
        store.shopping_items(h.id).await.unwrap().is_empty(),
        "inserted item removed"
    );
    assert!(
        store.pending_reminders(h.id).await.unwrap().is_empty(),
        "inserted reminder removed"
    );
    assert_eq!(
        store.household(h.id).await.unwrap().unwrap().preferences,
        Preferences::default()
    );
    assert!(!store.plan_slots(h.id, from, to).await.unwrap()[0].cooked);
    assert_eq!(
        store.pantry(h.id).await.unwrap(),
        before,
        "the pantry is as it was, inserted lot removed"
    );

    let undone = store.undo_last(h.id, now()).await.unwrap().unwrap();
    assert_eq!(undone.kind, "plan");
    assert!(store.plan_slots(h.id, from, to).await.unwrap().is_empty());
    assert!(
        store.undo_last(h.id, now()).await.unwrap().is_none(),
        "nothing left to undo"
    );

    // Another household's undo never touches these rows.
    store.record_change(h.id, &plan, now()).await.unwrap();
    let b = store
        .create_household("b", &Preferences::default(), now())
        .await
        .unwrap();
    assert!(store.undo_last(b.id, now()).await.unwrap().is_none());
    assert!(store.plan_slots(b.id, from, to).await.unwrap().is_empty());
    assert_eq!(store.plan_slots(h.id, from, to).await.unwrap().len(), 2);

    let v1 = store.recipes_version(h.id).await.unwrap();
    store
        .save_recipe(h.id, &spec("mine", "Mine"), now())
        .await
        .unwrap();
    let v2 = store.recipes_version(h.id).await.unwrap();
    store
        .save_recipe(h.id, &spec("mine", "Mine, better"), now())
        .await
        .unwrap();
    let v3 = store.recipes_version(h.id).await.unwrap();
    assert!(v1 != v2 && v2 != v3, "saving changes the version");
}

async fn conversations_and_link_codes(store: Store) {
    let h = store
        .create_household("home", &Preferences::default(), now())
        .await
        .unwrap();
    assert!(store.chat("telegram", "-100").await.unwrap().is_none());
    store
        .bind_chat("telegram", "-100", h.id, now())
        .await
        .unwrap();
    store
        .save_chat_state(h.id, "telegram", "-100", r#"{"pending":null}"#, now())
        .await
        .unwrap();
    store
        .bind_chat("telegram", "-100", h.id, now())
        .await
        .unwrap();
    let chat = store.chat("telegram", "-100").await.unwrap().unwrap();
    assert_eq!(chat.household, h.id);
    assert_eq!(
        chat.state, r#"{"pending":null}"#,
        "binding again keeps the state"
    );

    let first = store
        .record_inbound(Some(h.id), "telegram", "-100", Some("77"), "hola", now())
        .await
        .unwrap();
    assert!(first.is_some());
    let again = store
        .record_inbound(Some(h.id), "telegram", "-100", Some("77"), "hola", now())
        .await
        .unwrap();
    assert!(again.is_none(), "a redelivered message is recorded once");
    assert!(
        store
            .record_inbound(Some(h.id), "web", "s", None, "x", now())
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .record_inbound(Some(h.id), "web", "s", None, "x", now())
            .await
            .unwrap()
            .is_some(),
        "no platform id, no dedup"
    );
    let out = store
        .record_outbound(Some(h.id), "telegram", "-100", "reply", now())
        .await
        .unwrap();
    store.mark_delivered(out, Some("78"), now()).await.unwrap();

    store.add_llm_usage(h.id, "2026-11", 100, 20).await.unwrap();
    store.add_llm_usage(h.id, "2026-11", 5, 5).await.unwrap();
    assert_eq!(store.llm_usage(h.id, "2026-11").await.unwrap(), 130);
    assert_eq!(store.llm_usage(h.id, "2026-12").await.unwrap(), 0);

    let ana = store.add_member(h.id, "Ana", now()).await.unwrap();
    store
        .create_link_code(h.id, ana.id, "LNKA2345", now(), now() + Duration::hours(1))
        .await
        .unwrap();
    let joined = store
        .redeem_invite("LNKA2345", "ignored", &ident("discord", "ana#1"), now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        joined.member, ana.id,
        "a link code adds an account, not a person"
    );
    assert_eq!(store.members(h.id).await.unwrap().len(), 1);
    let other = store
        .create_household("other", &Preferences::default(), now())
        .await
        .unwrap();
    assert!(
        store
            .create_link_code(
                other.id,
                ana.id,
                "LNKB2345",
                now(),
                now() + Duration::hours(1)
            )
            .await
            .is_err()
    );
}

/// No repository call made for household B reaches household A's rows.
async fn households_are_isolated(store: Store) {
    let a = store
        .create_household("a", &Preferences::default(), now())
        .await
        .unwrap();
    let b = store
        .create_household("b", &Preferences::default(), now())
        .await
        .unwrap();
    let ana = store.add_member(a.id, "Ana", now()).await.unwrap();
    store
        .link_identity(a.id, ana.id, &ident("telegram", "1"), now())
        .await
        .unwrap();
    let lot_a = store
        .place_pantry_item(
            a.id,
            &Placement::New(lot("rice", 1.0, Unit::Kilogram, None)),
            now(),
        )
        .await
        .unwrap();
    let item_a = store
        .insert_shopping_item(a.id, &list_item("lemon", None), now())
        .await
        .unwrap();
    store
        .save_recipe(a.id, &spec("secret", "Secret family stew"), now())
        .await
        .unwrap();
    store
        .create_invite(
            a.id,
            Some(ana.id),
            "AAAA2345",
            now(),
            now() + Duration::hours(1),
        )
        .await
        .unwrap();

    // Reads as B see nothing of A.
    assert!(store.members(b.id).await.unwrap().is_empty());
    assert!(store.identities(b.id, ana.id).await.unwrap().is_empty());
    assert!(store.pantry(b.id).await.unwrap().is_empty());
    assert!(store.shopping_items(b.id).await.unwrap().is_empty());
    assert!(store.recipes(b.id).await.unwrap().is_empty());
    assert!(store.recipe(b.id, "secret").await.unwrap().is_none());

    // Writes as B with A's ids change nothing.
    assert!(
        !store
            .set_member_preferences(b.id, ana.id, &MemberPreferences::default())
            .await
            .unwrap()
    );
    assert!(
        store
            .link_identity(b.id, ana.id, &ident("telegram", "2"), now())
            .await
            .is_err()
    );
    assert!(
        !store
            .unlink_identity(b.id, &ident("telegram", "1"))
            .await
            .unwrap()
    );
    assert!(
        store
            .place_pantry_item(
                b.id,
                &Placement::Merge {
                    id: lot_a,
                    amount: 0.0
                },
                now()
            )
            .await
            .is_err()
    );
    store
        .apply_pantry_changes(
            b.id,
            &[
                LotChange::SetAmount {
                    id: lot_a,
                    amount: 0.0,
                },
                LotChange::Remove { id: lot_a },
            ],
        )
        .await
        .unwrap();
    let hijack = ShoppingItem {
        name: "hijacked".into(),
        checked: true,
        ..item_a.clone()
    };
    assert!(!store.update_shopping_item(b.id, &hijack).await.unwrap());
    assert!(
        store
            .check_off(b.id, item_a.id, None, now())
            .await
            .unwrap()
            .is_none()
    );
    assert!(!store.delete_shopping_item(b.id, item_a.id).await.unwrap());
    assert_eq!(store.clear_checked(b.id).await.unwrap(), 0);
    assert!(!store.delete_recipe(b.id, "secret").await.unwrap());
    store
        .create_invite(
            b.id,
            Some(ana.id),
            "BBBB2345",
            now(),
            now() + Duration::hours(1),
        )
        .await
        .unwrap();

    // A's rows are as they were.
    assert_eq!(store.members(a.id).await.unwrap()[0].display_name, "Ana");
    assert_eq!(
        store
            .resolve_identity(&ident("telegram", "1"))
            .await
            .unwrap(),
        Some((a.id, ana.id))
    );
    assert_eq!(
        store
            .resolve_identity(&ident("telegram", "2"))
            .await
            .unwrap(),
        None
    );
    let pantry = store.pantry(a.id).await.unwrap();
    assert_eq!((pantry[0].id, pantry[0].amount), (lot_a, 1.0));
    let items = store.shopping_items(a.id).await.unwrap();
    assert_eq!(items, vec![item_a]);
    assert!(store.recipe(a.id, "secret").await.unwrap().is_some());
    // B's invite could not name A's member as its author; it still joins B.
    let joined = store
        .redeem_invite("BBBB2345", "Bea", &ident("web", "bea"), now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(joined.household, b.id);
    assert_ne!(joined.member, MemberId(ana.id.0));
}

on_both_backends!(
    households_and_preferences,
    identities_and_invites,
    recipes_seed_and_own,
    pantry_lots,
    shopping_list_and_check_off,
    households_are_isolated,
    calendar_changes_and_undo,
    conversations_and_link_codes,
);
