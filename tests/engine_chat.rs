//! Conversations end to end: the real service on a random port with a fresh
//! database, driven through `POST /api/chat` (and its SSE variant) in
//! English and Spanish, with the offline parser and with language models
//! faked on 127.0.0.1:0 in their real wire formats.

mod common;
#[path = "fakes/llm.rs"]
mod fakes;

use chrono::{DateTime, TimeZone, Utc};
use fakes::{API_KEY, Answer, FakeCall, FakeLlm, Script, Wire};
use kecarajocomer::app::App;
use kecarajocomer::config::{Config, DatabaseConfig, DatabaseUrl, Secret};
use kecarajocomer::engine::Reply;
use kecarajocomer_channel::{ChannelName, ChatRef, Content, Inbound, Sender};
use serde_json::{Value, json};

struct TestApp {
    app: App,
    base: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

async fn spawn_app(tune: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        database: DatabaseConfig {
            url: DatabaseUrl::new(format!("sqlite://{}", dir.path().join("kcc.db").display())),
            max_connections: 4,
        },
        ..Config::default()
    };
    config.llm.deadline_seconds = 5;
    tune(&mut config);
    let app = App::start(config).await.expect("app starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let served = app.clone();
    tokio::spawn(async move {
        let _ = kecarajocomer::web::run(listener, served, std::future::pending()).await;
    });
    TestApp {
        app,
        base,
        http: reqwest::Client::new(),
        _dir: dir,
    }
}

impl TestApp {
    async fn say(&self, session: &str, text: &str) -> Vec<Value> {
        self.post(json!({"session": session, "text": text})).await
    }

    async fn press(&self, session: &str, data: &str) -> Vec<Value> {
        self.post(json!({"session": session, "button": data})).await
    }

    async fn post(&self, body: Value) -> Vec<Value> {
        let r = self
            .http
            .post(format!("{}/api/chat", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{body}");
        let v: Value = r.json().await.unwrap();
        v["replies"].as_array().cloned().unwrap_or_default()
    }

    async fn household(&self, session: &str) -> kecarajocomer::domain::household::HouseholdId {
        self.app
            .kitchen
            .store
            .chat("web", session)
            .await
            .unwrap()
            .unwrap()
            .household
    }
}

fn text(replies: &[Value]) -> String {
    replies
        .iter()
        .filter_map(|r| r["text"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn buttons(replies: &[Value]) -> Vec<String> {
    replies
        .iter()
        .flat_map(|r| r["buttons"].as_array().cloned().unwrap_or_default())
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["data"].as_str().map(String::from))
        .collect()
}

#[tokio::test]
async fn a_week_of_chat_in_english_over_http() {
    let t = spawn_app(|_| {}).await;
    let s = "ana-web";
    let r = t.say(s, "we need 2 lemons and some garlic").await;
    assert!(
        text(&r).contains("lemon") && text(&r).contains("garlic"),
        "{r:?}"
    );
    let r = t.say(s, "shopping list").await;
    assert!(text(&r).contains("Fruit & vegetables"), "{r:?}");
    let r = t.say(s, "got the lemons").await;
    assert!(text(&r).contains("Checked off"), "{r:?}");
    let h = t.household(s).await;
    assert_eq!(
        t.app.kitchen.store.pantry(h).await.unwrap().len(),
        1,
        "bought lemons are in the pantry"
    );
    let r = t.say(s, "undo").await;
    assert!(text(&r).contains("Undone"), "{r:?}");
    assert!(
        t.app.kitchen.store.pantry(h).await.unwrap().is_empty(),
        "undo took them out again"
    );

    let r = t
        .say(s, "plan dinners for next week, nothing over 30 minutes")
        .await;
    let swaps: Vec<String> = buttons(&r)
        .into_iter()
        .filter(|b| b.starts_with("rm|"))
        .collect();
    assert_eq!(swaps.len(), 7, "{r:?}");
    // Planning again would overwrite: it asks first, and "no" changes nothing.
    let r = t.say(s, "plan dinners for next week").await;
    assert!(text(&r).contains("Replace it?"), "{r:?}");
    assert_eq!(buttons(&r), ["ok", "no"]);
    let r = t.say(s, "no").await;
    assert!(text(&r).contains("nothing changed"), "{r:?}");

    // The "Swap" button replaces that dinner; undo puts it back.
    let first = &swaps[0];
    let parts: Vec<&str> = first.split('|').collect();
    let date: chrono::NaiveDate = parts[1].parse().unwrap();
    let before = t.app.kitchen.stored_plan(h, date, 1).await.unwrap().slots[0]
        .recipe
        .clone();
    let r = t.press(s, first).await;
    assert!(text(&r).contains("now"), "{r:?}");
    let after = t.app.kitchen.stored_plan(h, date, 1).await.unwrap().slots[0]
        .recipe
        .clone();
    assert_ne!(before, after);
    let r = t.press(s, "undo").await;
    assert!(text(&r).contains("Undone"), "{r:?}");
    assert_eq!(
        t.app.kitchen.stored_plan(h, date, 1).await.unwrap().slots[0].recipe,
        before
    );

    let r = t.say(s, "tell me a joke").await;
    assert!(text(&r).contains("didn't get that"), "{r:?}");
}

#[tokio::test]
async fn bought_groceries_are_stocked_once_with_their_dates() {
    let t = spawn_app(|_| {}).await;
    let s = "bea-web";
    let r = t
        .say(
            s,
            "bought 2 kg of potatoes and a dozen eggs, put them in the pantry",
        )
        .await;
    assert!(text(&r).contains("potato"), "{r:?}");
    let h = t.household(s).await;
    let pantry = t.app.kitchen.store.pantry(h).await.unwrap();
    let amounts: Vec<(String, f64)> = pantry.iter().map(|i| (i.name.clone(), i.amount)).collect();
    assert_eq!(
        pantry.len(),
        2,
        "one lot each, not counted twice: {amounts:?}"
    );
    let eggs = pantry
        .iter()
        .find(|i| i.name == "egg")
        .expect("eggs stocked");
    assert_eq!(eggs.amount, 12.0, "{amounts:?}");

    // Checking off with a date keeps the date on the pantry lot.
    t.say(s, "we need strawberries").await;
    let r = t
        .say(s, "bought 1 kg of strawberries, they expire saturday")
        .await;
    assert!(text(&r).contains("Checked off"), "{r:?}");
    let pantry = t.app.kitchen.store.pantry(h).await.unwrap();
    let berries = pantry
        .iter()
        .find(|i| i.name == "strawberry")
        .expect("strawberries stocked");
    assert!(berries.expires.is_some(), "{berries:?}");
}

#[tokio::test]
async fn items_keep_what_was_written_and_still_count_as_their_food() {
    let t = spawn_app(|_| {}).await;
    let s = "dev-web";
    let r = t
        .say(
            s,
            "add a rotisserie chicken and pan casero to the shopping list",
        )
        .await;
    assert!(text(&r).contains("rotisserie chicken"), "{r:?}");
    let h = t.household(s).await;
    let list = t.app.kitchen.store.shopping_items(h).await.unwrap();
    let chicken = list
        .iter()
        .find(|i| i.name == "rotisserie chicken")
        .unwrap_or_else(|| panic!("kept as written: {list:?}"));
    assert_eq!(chicken.aisle.name(), "meat", "{chicken:?}");
    assert!(list.iter().any(|i| i.name == "pan casero"), "{list:?}");

    // Two cans of chickpeas in the pantry: recipes with canned chickpeas.
    t.say(s, "we have 2 cans of chickpeas in the pantry").await;
    let r = t.say(s, "what can I cook with what I have?").await;
    assert!(text(&r).to_lowercase().contains("chickpea"), "{r:?}");

    // Singular or plural, the same item: checked off, then used up.
    let r = t.say(s, "bought the rotisserie chickens").await;
    assert!(text(&r).contains("Checked off"), "{r:?}");
    t.say(s, "we have 2 roast chickens").await;
    let r = t.say(s, "we used the roast chicken").await;
    assert!(text(&r).contains("Taken out"), "{r:?}");
    // Eggs used come out of the brown eggs.
    t.say(s, "we have a dozen brown eggs").await;
    let r = t.say(s, "we used 3 eggs").await;
    assert!(text(&r).contains("Taken out"), "{r:?}");
    let pantry = t.app.kitchen.store.pantry(h).await.unwrap();
    let eggs = pantry
        .iter()
        .find(|i| i.name == "brown egg")
        .unwrap_or_else(|| panic!("{pantry:?}"));
    assert_eq!(eggs.amount, 9.0);
    let r = t.say(s, "what's in the pantry?").await;
    assert!(text(&r).contains("9 brown eggs"), "{r:?}");
}

fn inbound(chat: &str, text: &str) -> Inbound {
    Inbound {
        chat: ChatRef {
            channel: ChannelName("web".into()),
            chat_id: chat.into(),
        },
        sender: Sender {
            platform_user_id: chat.into(),
            display_name: None,
        },
        content: Content::Text { text: text.into() },
        platform_message_id: None,
        reply_to: None,
    }
}

fn joined(replies: &[Reply]) -> String {
    replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn una_semana_en_castellano() {
    let t =
        spawn_app(|c| c.household.language = kecarajocomer::domain::household::Language::Es).await;
    let e = &t.app.engine;
    // Wednesday 2026-11-25, 10:00 in Buenos Aires.
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 25, 13, 0, 0).unwrap();
    let chat = "casa";
    let say = |m: &'static str| async move { e.handle(&inbound(chat, m), now).await };
    let r = say("planificá las cenas de la semana que viene")
        .await
        .unwrap();
    assert!(
        joined(&r).contains("lun 30/11") && joined(&r).contains("por persona"),
        "{r:?}"
    );
    let h = t
        .app
        .kitchen
        .store
        .chat("web", chat)
        .await
        .unwrap()
        .unwrap()
        .household;
    let mon: chrono::NaiveDate = "2026-11-30".parse().unwrap();
    let wed: chrono::NaiveDate = "2026-12-02".parse().unwrap();
    let plan = t.app.kitchen.stored_plan(h, mon, 7).await.unwrap();
    let (a, b) = (
        plan.slot(mon, kecarajocomer::domain::recipe::MealType::Dinner)
            .unwrap()
            .recipe
            .clone(),
        plan.slot(wed, kecarajocomer::domain::recipe::MealType::Dinner)
            .unwrap()
            .recipe
            .clone(),
    );
    let r = say("cambiá la cena del lunes que viene por la del miércoles que viene")
        .await
        .unwrap();
    assert!(joined(&r).contains("intercambié"), "{r:?}");
    let plan = t.app.kitchen.stored_plan(h, mon, 7).await.unwrap();
    assert_eq!(
        plan.slot(mon, kecarajocomer::domain::recipe::MealType::Dinner)
            .unwrap()
            .recipe,
        b
    );
    let r = say("deshacé eso").await.unwrap();
    assert!(joined(&r).contains("Deshecho"), "{r:?}");
    let plan = t.app.kitchen.stored_plan(h, mon, 7).await.unwrap();
    assert_eq!(
        plan.slot(mon, kecarajocomer::domain::recipe::MealType::Dinner)
            .unwrap()
            .recipe,
        a
    );

    let r = say("guardé 1 litro de leche y una docena de huevos en la heladera")
        .await
        .unwrap();
    assert!(joined(&r).contains("En la despensa"), "{r:?}");
    let r = say("se acabaron los huevos").await.unwrap();
    assert!(joined(&r).contains("Saqué"), "{r:?}");
    let r = say("anotá 2 limones y ajo").await.unwrap();
    assert!(joined(&r).contains("En la lista"), "{r:?}");
    let r = say("qué hay que comprar").await.unwrap();
    assert!(joined(&r).contains("Frutas y verduras"), "{r:?}");
    let r = say("ya compré los limones").await.unwrap();
    assert!(joined(&r).contains("Tachado"), "{r:?}");
    let pantry = t.app.kitchen.store.pantry(h).await.unwrap();
    assert!(
        pantry.iter().any(|i| i.name == "lemon") && pantry.iter().any(|i| i.name == "milk"),
        "{pantry:?}"
    );
    assert!(!pantry.iter().any(|i| i.name == "egg"));
}

#[tokio::test]
async fn redelivered_messages_run_once_and_bad_requests_say_why() {
    let t = spawn_app(|_| {}).await;
    let body = json!({"session": "dup", "text": "we need milk", "message_id": "m-1"});
    assert_eq!(t.post(body.clone()).await.len(), 1);
    assert!(
        t.post(body).await.is_empty(),
        "the same message id is handled once"
    );
    let h = t.household("dup").await;
    assert_eq!(
        t.app.kitchen.store.shopping_items(h).await.unwrap().len(),
        1
    );

    for bad in [
        json!({"session": "", "text": "x"}),
        json!({"session": "a b", "text": "x"}),
        json!({"session": "s", "text": "x", "button": "undo"}),
        json!({"session": "s"}),
    ] {
        let r = t
            .http
            .post(format!("{}/api/chat", t.base))
            .json(&bad)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{bad}");
        let v: Value = r.json().await.unwrap();
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
}

#[tokio::test]
async fn streaming_replies_as_server_sent_events() {
    let t = spawn_app(|_| {}).await;
    let r = t
        .http
        .post(format!("{}/api/chat/stream", t.base))
        .json(&json!({"session": "sse", "text": "we need 2 lemons"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let body = r.text().await.unwrap();
    assert!(
        body.contains("event: reply")
            && body.contains("On the list")
            && body.contains("event: done"),
        "{body}"
    );
}

fn with_model(wire: Wire, fake: &FakeLlm) -> impl FnOnce(&mut Config) {
    let base = fake.base_url.clone();
    move |c: &mut Config| {
        let name = match wire {
            Wire::Anthropic => "anthropic",
            Wire::Gemini => "gemini",
            Wire::OpenAi => "openai",
        };
        c.llm.chain = vec![name.to_string()];
        let p = match wire {
            Wire::Anthropic => &mut c.llm.anthropic,
            Wire::Gemini => &mut c.llm.gemini,
            Wire::OpenAi => &mut c.llm.openai,
        };
        p.base_url = base;
        p.api_key = Secret::new(API_KEY);
        p.model = "test-model".into();
        c.llm.attempts = 2;
    }
}

#[tokio::test]
async fn a_model_calls_tools_for_the_callers_household_only() {
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![
            Script::Answer(Answer::calls(
                &[],
                vec![FakeCall::new(
                    "toolu_1",
                    "add_to_shopping_list",
                    json!({"items": [{"name": "milk", "quantity": 2, "unit": "l"}]}),
                )],
            )),
            Script::Answer(Answer::text(&["Added ", "2 l of milk."])),
        ],
    )
    .await;
    let t = spawn_app(with_model(Wire::Anthropic, &fake)).await;
    let r = t.say("llm", "could you put milk on the list").await;
    assert_eq!(text(&r), "Added 2 l of milk.");
    let h = t.household("llm").await;
    let items = t.app.kitchen.store.shopping_items(h).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].name, "milk");
    assert_eq!(fake.count(), 2);
    let follow_up = fake.last().body;
    let blocks = follow_up["messages"].as_array().unwrap().last().unwrap()["content"].clone();
    assert_eq!(blocks[0]["type"], "tool_result");
    assert_eq!(blocks[0]["is_error"], false);
    // Every tool is offered, with its schema; none can name a household.
    let tools = follow_up["tools"].as_array().unwrap();
    assert!(tools.len() >= 20);
    assert!(!follow_up.to_string().contains("household_id"));
    // Another session's household saw nothing.
    t.say("other", "shopping list").await;
    let other = t.household("other").await;
    assert!(
        t.app
            .kitchen
            .store
            .shopping_items(other)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn malformed_arguments_go_back_to_the_model_as_errors() {
    let fake = FakeLlm::start(
        Wire::OpenAi,
        vec![
            Script::Answer(Answer::calls(
                &[],
                vec![FakeCall::fragments(
                    "c1",
                    "add_to_pantry",
                    &["{\"items\": [", "oops"],
                )],
            )),
            Script::Answer(Answer::calls(
                &[],
                vec![FakeCall::new(
                    "c2",
                    "add_to_pantry",
                    json!({"items": [{"name": "rice", "quantity": 1, "unit": "parsec"}]}),
                )],
            )),
            Script::Answer(Answer::text(&["Sorry, I could not add that."])),
        ],
    )
    .await;
    let t = spawn_app(with_model(Wire::OpenAi, &fake)).await;
    let r = t.say("bad-args", "add rice to the pantry").await;
    assert_eq!(text(&r), "Sorry, I could not add that.");
    let requests = fake.requests();
    let second = requests[1].body.to_string();
    assert!(second.contains("not valid JSON"), "{second}");
    let third = requests[2].body.to_string();
    assert!(third.contains("unknown unit"), "{third}");
    let h = t.household("bad-args").await;
    assert!(
        t.app.kitchen.store.pantry(h).await.unwrap().is_empty(),
        "nothing was added"
    );
}

#[tokio::test]
async fn destructive_calls_from_a_model_wait_for_the_person() {
    let fake = FakeLlm::start(
        Wire::Gemini,
        vec![
            Script::Answer(Answer::calls(
                &[],
                vec![FakeCall::new("g1", "plan_week", json!({"days": 3}))],
            )),
            Script::Answer(Answer::text(&["Here is your plan."])),
            Script::Answer(Answer::calls(
                &[],
                vec![FakeCall::new("g2", "plan_week", json!({"days": 3}))],
            )),
        ],
    )
    .await;
    let t = spawn_app(with_model(Wire::Gemini, &fake)).await;
    let r = t.say("gem", "plan three days").await;
    assert_eq!(text(&r), "Here is your plan.");
    let r = t.say("gem", "plan them again").await;
    assert!(
        text(&r).contains("Replace it?"),
        "the model cannot overwrite a plan by itself: {r:?}"
    );
    assert_eq!(fake.count(), 3);
}

#[tokio::test]
async fn failing_models_fall_back_to_the_next_and_finally_offline() {
    let broken = FakeLlm::start(
        Wire::Anthropic,
        vec![Script::error(
            400,
            json!({"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}}),
        )],
    )
    .await;
    let overloaded = FakeLlm::start(
        Wire::Gemini,
        vec![
            Script::error(
                503,
                json!({"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}),
            ),
            Script::error(
                503,
                json!({"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}),
            ),
        ],
    )
    .await;
    let (a, g) = (broken.base_url.clone(), overloaded.base_url.clone());
    let t = spawn_app(move |c| {
        c.llm.chain = vec!["anthropic".into(), "gemini".into()];
        c.llm.anthropic.base_url = a;
        c.llm.anthropic.api_key = Secret::new(API_KEY);
        c.llm.gemini.base_url = g;
        c.llm.gemini.api_key = Secret::new(API_KEY);
        c.llm.attempts = 2;
    })
    .await;
    let r = t.say("fallback", "we need 2 lemons").await;
    assert!(
        text(&r).contains("On the list"),
        "the offline parser answered: {r:?}"
    );
    assert_eq!(broken.count(), 1, "a 400 is not retried");
    assert_eq!(overloaded.count(), 2, "a 503 is retried, then given up");
}

#[tokio::test]
async fn a_spent_budget_skips_the_models() {
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![Script::Answer(Answer::text(&["Hello from the model."]))],
    )
    .await;
    let base = fake.base_url.clone();
    let t = spawn_app(move |c| {
        with_model_ref(base)(c);
        c.llm.monthly_tokens_per_household = 10;
    })
    .await;
    let r = t.say("budget", "hello").await;
    assert_eq!(text(&r), "Hello from the model.");
    // The fake reported 28 tokens: the budget is spent; the next answer is offline.
    let r = t.say("budget", "we need milk").await;
    assert!(text(&r).contains("On the list"), "{r:?}");
    assert_eq!(fake.count(), 1);
}

/// Configures the Anthropic provider at a fake's address.
fn with_model_ref(base: String) -> impl FnOnce(&mut Config) {
    move |c: &mut Config| {
        c.llm.chain = vec!["anthropic".to_string()];
        c.llm.anthropic.base_url = base;
        c.llm.anthropic.api_key = Secret::new(API_KEY);
        c.llm.attempts = 2;
    }
}
