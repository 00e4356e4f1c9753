//! The three provider clients against fakes that speak the real wire
//! formats (tests/fakes/llm.rs): text, tool calls streamed and not,
//! follow-ups with tool results, thought signatures, error classification,
//! retries and deadlines.

#[path = "fakes/llm.rs"]
mod fakes;

use fakes::{API_KEY, Answer, FakeCall, FakeLlm, Recorded, Script, Wire};
use kecarajocomer::config::Secret;
use kecarajocomer::engine::llm::retry::{RetryPolicy, complete_with_retries};
use kecarajocomer::engine::llm::{
    AnthropicProvider, ChatRequest, ChatResponse, GeminiProvider, LlmError, OpenAiProvider,
    Provider, StopReason, ToolCall, ToolResult, ToolSpec, Turn, Usage, http_client,
};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::time::Instant;

const SYSTEM: &str = "You plan meals for the household.";

fn client() -> reqwest::Client {
    http_client(Duration::from_secs(2)).expect("http client")
}

fn anthropic(fake: &FakeLlm, stream: bool) -> AnthropicProvider {
    AnthropicProvider::new(
        client(),
        &fake.base_url,
        "claude-sonnet-4-5",
        Secret::new(API_KEY),
        stream,
        1024,
    )
}

fn gemini(fake: &FakeLlm, stream: bool) -> GeminiProvider {
    GeminiProvider::new(
        client(),
        &fake.base_url,
        "gemini-3-flash",
        Secret::new(API_KEY),
        stream,
        1024,
    )
}

fn openai(fake: &FakeLlm, stream: bool) -> OpenAiProvider {
    OpenAiProvider::new(
        client(),
        &fake.base_url,
        "qwen3:8b",
        Secret::new(API_KEY),
        stream,
        1024,
    )
}

fn tools() -> Vec<ToolSpec> {
    vec![
        ToolSpec {
            name: "pantry_list".into(),
            description: "List what is in the pantry".into(),
            parameters: json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": "PantryListArgs",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "category": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null}
                }
            }),
        },
        ToolSpec {
            name: "shopping_add".into(),
            description: "Add an item to the shopping list".into(),
            parameters: json!({
                "type": "object",
                "properties": {
                    "item": {"type": "string", "title": "Item"},
                    "qty": {"type": ["number", "null"]}
                },
                "required": ["item"]
            }),
        },
    ]
}

fn request(turns: Vec<Turn>) -> ChatRequest {
    ChatRequest {
        system: SYSTEM.into(),
        turns,
        tools: tools(),
        max_tokens: 512,
    }
}

fn user(text: &str) -> Turn {
    Turn::User { text: text.into() }
}

fn assistant(response: &ChatResponse) -> Turn {
    Turn::Assistant {
        text: response.text.clone(),
        calls: response.calls.clone(),
        raw: response.raw.clone(),
    }
}

fn results(calls: &[ToolCall]) -> Turn {
    Turn::ToolResults {
        results: calls
            .iter()
            .enumerate()
            .map(|(n, call)| ToolResult {
                call_id: call.id.clone(),
                name: call.name.clone(),
                content: if n == 0 {
                    r#"["arroz","lentejas"]"#.into()
                } else {
                    "unknown item".into()
                },
                is_error: n != 0,
            })
            .collect(),
    }
}

/// Runs one request; returns the result and the text `on_text` saw.
async fn run(
    provider: &dyn Provider,
    request: &ChatRequest,
) -> (Result<ChatResponse, LlmError>, String) {
    let mut seen = String::new();
    let mut sink = |text: &str| seen.push_str(text);
    let result = provider.complete(request, &mut sink).await;
    (result, seen)
}

async fn ok(provider: &dyn Provider, request: &ChatRequest) -> (ChatResponse, String) {
    let (result, seen) = run(provider, request).await;
    match result {
        Ok(response) => (response, seen),
        Err(e) => panic!("{} failed: {e:?}", provider.name()),
    }
}

async fn err(provider: &dyn Provider, request: &ChatRequest) -> LlmError {
    match run(provider, request).await.0 {
        Ok(response) => panic!("{} answered {response:?}", provider.name()),
        Err(e) => e,
    }
}

fn quick_policy() -> RetryPolicy {
    RetryPolicy {
        attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    }
}

async fn with_retries(
    provider: &dyn Provider,
    request: &ChatRequest,
    deadline: Duration,
) -> Result<ChatResponse, LlmError> {
    let mut sink = |_: &str| {};
    complete_with_retries(
        provider,
        request,
        quick_policy(),
        Instant::now() + deadline,
        &mut sink,
    )
    .await
}

fn call(id: &str, name: &str, args: Value) -> ToolCall {
    ToolCall {
        id: id.into(),
        name: name.into(),
        args,
        malformed: false,
    }
}

fn messages(recorded: &Recorded) -> Vec<Value> {
    recorded.body["messages"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

// ---------------------------------------------------------------- Anthropic

#[tokio::test]
async fn anthropic_plain_text_not_streamed() {
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![Script::Answer(Answer::text(&[
            "Hola, ",
            "¿qué cocinamos hoy?",
        ]))],
    )
    .await;
    let provider = anthropic(&fake, false);
    assert_eq!(provider.name(), "anthropic");
    assert!(
        !format!("{provider:?}").contains(API_KEY),
        "the key must not show in Debug"
    );
    let (response, seen) = ok(&provider, &request(vec![user("hola")])).await;
    assert_eq!(response.text, "Hola, ¿qué cocinamos hoy?");
    assert_eq!(seen, response.text);
    assert!(response.calls.is_empty());
    assert_eq!(response.stop, StopReason::EndTurn);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 21,
            output_tokens: 7
        }
    );

    let sent = fake.last();
    assert_eq!(sent.path, "/v1/messages");
    assert_eq!(sent.header("x-api-key"), Some(API_KEY));
    assert_eq!(sent.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(sent.body["model"], "claude-sonnet-4-5");
    assert_eq!(sent.body["max_tokens"], 512);
    assert_eq!(sent.body["system"], SYSTEM);
    assert!(sent.body.get("stream").is_none());
    assert_eq!(sent.body["tools"][0]["name"], "pantry_list");
    assert_eq!(sent.body["tools"][0]["input_schema"]["type"], "object");
    assert_eq!(
        sent.body["tools"][1]["description"],
        "Add an item to the shopping list"
    );
    assert_eq!(
        messages(&sent),
        vec![json!({"role": "user", "content": [{"type": "text", "text": "hola"}]})]
    );
}

#[tokio::test]
async fn anthropic_streams_text_and_fragmented_tool_calls_with_pings_and_unknown_events() {
    let answer = Answer {
        noise: true,
        ..Answer::calls(
            &["Miro la ", "despensa ", "y apunto."],
            vec![
                FakeCall::fragments(
                    "toolu_01",
                    "pantry_list",
                    &["", "{\"cat", "", "egory\": \"ver", "duras\"}", ""],
                ),
                FakeCall::fragments(
                    "toolu_02",
                    "shopping_add",
                    &["{\"item\":", " \"leche\", \"qty\": 2}"],
                ),
            ],
        )
    };
    let fake = FakeLlm::start(Wire::Anthropic, vec![Script::Answer(answer)]).await;
    let provider = anthropic(&fake, true);
    let (response, seen) = ok(&provider, &request(vec![user("¿qué tengo?")])).await;
    assert_eq!(seen, "Miro la despensa y apunto.");
    assert_eq!(
        response.text, seen,
        "the unknown event's text must be ignored"
    );
    assert_eq!(
        response.calls,
        vec![
            call("toolu_01", "pantry_list", json!({"category": "verduras"})),
            call(
                "toolu_02",
                "shopping_add",
                json!({"item": "leche", "qty": 2})
            ),
        ]
    );
    assert_eq!(response.stop, StopReason::ToolUse);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 21,
            output_tokens: 7
        }
    );
    assert_eq!(
        response.raw,
        Some(json!([
            {"type": "text", "text": "Miro la despensa y apunto."},
            {"type": "tool_use", "id": "toolu_01", "name": "pantry_list", "input": {"category": "verduras"}},
            {"type": "tool_use", "id": "toolu_02", "name": "shopping_add", "input": {"item": "leche", "qty": 2}},
        ]))
    );
    let sent = fake.last();
    assert_eq!(sent.body["stream"], true);
    assert_eq!(sent.header("accept"), Some("text/event-stream"));
}

#[tokio::test]
async fn anthropic_tool_calls_not_streamed_then_results_follow_up() {
    let first = Answer::calls(
        &["Voy a mirar."],
        vec![
            FakeCall::new("toolu_a", "pantry_list", json!({})),
            FakeCall::new("toolu_b", "shopping_add", json!({"item": "pan"})),
        ],
    );
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![
            Script::Answer(first),
            Script::Answer(Answer::text(&["Listo."])),
            Script::Answer(Answer::text(&["Hecho."])),
        ],
    )
    .await;
    let provider = anthropic(&fake, false);
    let mut turns = vec![user("¿qué hay?")];
    let (response, _) = ok(&provider, &request(turns.clone())).await;
    assert_eq!(response.stop, StopReason::ToolUse);
    assert_eq!(response.calls.len(), 2);
    assert_eq!(
        response.calls[1],
        call("toolu_b", "shopping_add", json!({"item": "pan"}))
    );

    // Follow-up: raw content replayed verbatim, tool_result blocks first.
    turns.push(assistant(&response));
    turns.push(results(&response.calls));
    let (done, _) = ok(&provider, &request(turns.clone())).await;
    assert_eq!(done.text, "Listo.");
    let sent = fake.last();
    assert_eq!(sent.body["system"], SYSTEM);
    assert_eq!(sent.body["tools"].as_array().map(Vec::len), Some(2));
    let sent_messages = messages(&sent);
    assert_eq!(sent_messages.len(), 3);
    assert_eq!(
        sent_messages[1],
        json!({"role": "assistant", "content": response.raw.clone().unwrap_or_default()})
    );
    assert_eq!(
        sent_messages[2],
        json!({"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_a", "content": "[\"arroz\",\"lentejas\"]", "is_error": false},
            {"type": "tool_result", "tool_use_id": "toolu_b", "content": "unknown item", "is_error": true},
        ]})
    );

    // Without raw, and with user text after the results: rebuilt blocks,
    // results still first in the merged user message.
    let mut rebuilt = vec![user("¿qué hay?")];
    rebuilt.push(Turn::Assistant {
        text: response.text.clone(),
        calls: response.calls.clone(),
        raw: None,
    });
    rebuilt.push(results(&response.calls));
    rebuilt.push(user("y añade huevos"));
    ok(&provider, &request(rebuilt)).await;
    let sent = messages(&fake.last());
    assert_eq!(
        sent[1]["content"][0],
        json!({"type": "text", "text": "Voy a mirar."})
    );
    assert_eq!(
        sent[1]["content"][2],
        json!({"type": "tool_use", "id": "toolu_b", "name": "shopping_add", "input": {"item": "pan"}})
    );
    let kinds: Vec<&str> = sent[2]["content"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["type"].as_str())
        .collect();
    assert_eq!(kinds, vec!["tool_result", "tool_result", "text"]);
}

#[tokio::test]
async fn anthropic_malformed_tool_json_is_flagged_and_replayable() {
    let answer = Answer::calls(
        &[],
        vec![FakeCall::fragments(
            "toolu_bad",
            "shopping_add",
            &["{\"item\": ", "\"leche"],
        )],
    );
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![
            Script::Answer(answer),
            Script::Answer(Answer::text(&["Vale."])),
        ],
    )
    .await;
    let provider = anthropic(&fake, true);
    let (response, _) = ok(&provider, &request(vec![user("leche")])).await;
    assert_eq!(response.calls.len(), 1);
    assert!(response.calls[0].malformed);
    assert_eq!(response.calls[0].args, json!("{\"item\": \"leche"));
    // The replayed block carries an object input, so the API accepts it.
    let turns = vec![
        user("leche"),
        assistant(&response),
        results(&response.calls),
    ];
    let (done, _) = ok(&provider, &request(turns)).await;
    assert_eq!(done.text, "Vale.");
    assert_eq!(messages(&fake.last())[1]["content"][0]["input"], json!({}));
}

fn anthropic_error_body(kind: &str, message: &str) -> Value {
    json!({"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_1"})
}

#[tokio::test]
async fn anthropic_rate_limit_honours_retry_after() {
    let limited = || {
        Script::error_with(
            429,
            &[("retry-after", "1")],
            anthropic_error_body(
                "rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit",
            ),
        )
    };
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![limited(), limited(), Script::Answer(Answer::text(&["ok"]))],
    )
    .await;
    let provider = anthropic(&fake, false);
    let request = request(vec![user("hola")]);
    assert_eq!(
        err(&provider, &request).await,
        LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(1))
        }
    );

    let started = Instant::now();
    let response = with_retries(&provider, &request, Duration::from_secs(5))
        .await
        .expect("second attempt succeeds");
    assert_eq!(response.text, "ok");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the retry-after"
    );
    assert_eq!(fake.count(), 3, "one direct call, then two attempts");
}

#[tokio::test]
async fn anthropic_overloaded_529_is_retried() {
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![
            Script::error(529, anthropic_error_body("overloaded_error", "Overloaded")),
            Script::error(529, anthropic_error_body("overloaded_error", "Overloaded")),
            Script::Answer(Answer::text(&["por fin"])),
        ],
    )
    .await;
    let provider = anthropic(&fake, true);
    let request = request(vec![user("hola")]);
    assert_eq!(
        err(&provider, &request).await,
        LlmError::Overloaded { retry_after: None }
    );
    let response = with_retries(&provider, &request, Duration::from_secs(5))
        .await
        .expect("retried");
    assert_eq!(response.text, "por fin");
    assert_eq!(fake.count(), 3);
}

#[tokio::test]
async fn anthropic_spend_limit_is_quota_and_not_retried() {
    let body = json!({"type": "error", "error": {
        "type": "rate_limit_error",
        "message": "You have reached your specified API usage limits.",
        "details": {"error_code": "enforced_spend_limit_reached"}
    }});
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![
            Script::error(429, body),
            Script::Answer(Answer::text(&["never"])),
        ],
    )
    .await;
    let provider = anthropic(&fake, false);
    let error = with_retries(
        &provider,
        &request(vec![user("hola")]),
        Duration::from_secs(5),
    )
    .await
    .expect_err("not retried");
    assert!(
        matches!(error, LlmError::QuotaExhausted(ref m) if m.contains("usage limits")),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(fake.count(), 1);
}

#[tokio::test]
async fn anthropic_error_event_mid_stream_discards_partial_calls() {
    let answer = Answer {
        error_mid_stream: Some(json!({"type": "overloaded_error", "message": "Overloaded"})),
        ..Answer::calls(
            &["Empiezo"],
            vec![FakeCall::fragments("toolu_x", "pantry_list", &["{\"cat"])],
        )
    };
    let fake = FakeLlm::start(Wire::Anthropic, vec![Script::Answer(answer)]).await;
    let provider = anthropic(&fake, true);
    let error = err(&provider, &request(vec![user("hola")])).await;
    assert!(
        matches!(error, LlmError::Stream(ref m) if m.contains("overloaded_error")),
        "{error:?}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn anthropic_slow_answer_past_the_deadline_times_out() {
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![Script::Delay(
            Duration::from_secs(2),
            Box::new(Script::Answer(Answer::text(&["tarde"]))),
        )],
    )
    .await;
    let provider = anthropic(&fake, true);
    let started = Instant::now();
    let error = with_retries(
        &provider,
        &request(vec![user("hola")]),
        Duration::from_millis(300),
    )
    .await
    .expect_err("too slow");
    assert_eq!(error, LlmError::Timeout);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn anthropic_errors_are_classified() {
    let fake = FakeLlm::start(
        Wire::Anthropic,
        vec![
            Script::error(
                400,
                anthropic_error_body("invalid_request_error", "messages: roles must alternate"),
            ),
            Script::error(
                500,
                anthropic_error_body("api_error", "Internal server error"),
            ),
            Script::Raw {
                status: 502,
                content_type: "text/html",
                body: "<html>Bad gateway</html>".into(),
            },
            Script::Raw {
                status: 200,
                content_type: "application/json",
                body: "{\"content\": [".into(),
            },
            Script::Raw {
                status: 200,
                content_type: "application/json",
                body: "{\"type\": \"message\"}".into(),
            },
            Script::Raw {
                status: 200,
                content_type: "text/event-stream",
                body: "event: ping\ndata: {\"type\":\"ping\"}\n\n".into(),
            },
            Script::error(
                402,
                anthropic_error_body("billing_error", "Your credit balance is too low"),
            ),
        ],
    )
    .await;
    let request = request(vec![user("hola")]);
    let wrong_key = AnthropicProvider::new(
        client(),
        &fake.base_url,
        "m",
        Secret::new("nope"),
        false,
        100,
    );
    assert_eq!(err(&wrong_key, &request).await, LlmError::Auth);
    let provider = anthropic(&fake, false);
    assert!(
        matches!(err(&provider, &request).await, LlmError::Rejected { status: 400, ref message } if message.contains("alternate"))
    );
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::Server { status: 500, .. }
    ));
    assert!(
        matches!(err(&provider, &request).await, LlmError::Server { status: 502, ref message } if message.contains("Bad gateway"))
    );
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::Malformed(_)
    ));
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::Malformed(_)
    ));
    assert!(
        matches!(
            err(&anthropic(&fake, true), &request).await,
            LlmError::Stream(_)
        ),
        "a stream without message_start"
    );
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::QuotaExhausted(_)
    ));

    // Nothing listens on port 9 of localhost: a connect error.
    let nowhere = AnthropicProvider::new(
        client(),
        "http://127.0.0.1:9",
        "m",
        Secret::new(API_KEY),
        false,
        100,
    );
    assert!(matches!(
        err(&nowhere, &request).await,
        LlmError::Network(_)
    ));
}

// ------------------------------------------------------------------- Gemini

#[tokio::test]
async fn gemini_streams_text_with_crlf_framing() {
    let answer = Answer {
        crlf: true,
        ..Answer::text(&["Hoy ", "toca ", "lentejas."])
    };
    let fake = FakeLlm::start(Wire::Gemini, vec![Script::Answer(answer)]).await;
    let provider = gemini(&fake, true);
    assert_eq!(provider.name(), "gemini");
    let (response, seen) = ok(&provider, &request(vec![user("¿qué como?")])).await;
    assert_eq!(response.text, "Hoy toca lentejas.");
    assert_eq!(seen, response.text);
    assert_eq!(response.stop, StopReason::EndTurn);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 21,
            output_tokens: 7
        }
    );
    assert_eq!(
        response.raw,
        Some(json!({"role": "model", "parts": [{"text": "Hoy toca lentejas."}]}))
    );

    let sent = fake.last();
    assert_eq!(
        sent.path,
        "/v1beta/models/gemini-3-flash:streamGenerateContent"
    );
    assert_eq!(sent.query, "alt=sse");
    assert_eq!(sent.header("x-goog-api-key"), Some(API_KEY));
    assert!(!sent.query.contains(API_KEY));
    assert_eq!(
        sent.body["systemInstruction"],
        json!({"parts": [{"text": SYSTEM}]})
    );
    assert_eq!(sent.body["generationConfig"]["maxOutputTokens"], 512);
    assert_eq!(
        sent.body["contents"],
        json!([{"role": "user", "parts": [{"text": "¿qué como?"}]}])
    );
    let declarations = &sent.body["tools"][0]["functionDeclarations"];
    assert_eq!(declarations[0]["name"], "pantry_list");
    assert_eq!(
        declarations[0]["parameters"],
        json!({"type": "object", "properties": {"category": {"type": "string", "nullable": true}}})
    );
    assert_eq!(
        declarations[1]["parameters"],
        json!({"type": "object", "properties": {"item": {"type": "string"}, "qty": {"type": "number", "nullable": true}}, "required": ["item"]})
    );
}

#[tokio::test]
async fn gemini_thought_signatures_are_replayed_verbatim() {
    let answer = Answer {
        text_signature: Some("dGV4dC1zaWc=".into()),
        ..Answer::calls(
            &["Miro ", "la despensa."],
            vec![
                FakeCall::new("unused", "pantry_list", json!({"category": "fruta"}))
                    .without_id()
                    .signed("c2lnLUFBQQ=="),
                FakeCall::new("unused", "shopping_add", json!({"item": "pan"})).without_id(),
            ],
        )
    };
    let fake = FakeLlm::start(
        Wire::Gemini,
        vec![
            Script::Answer(answer),
            Script::Answer(Answer::text(&["Tienes manzanas."])),
        ],
    )
    .await;
    let provider = gemini(&fake, true);
    let (response, seen) = ok(&provider, &request(vec![user("¿fruta?")])).await;
    assert_eq!(seen, "Miro la despensa.");
    assert_eq!(response.stop, StopReason::ToolUse);
    assert_eq!(response.calls.len(), 2);
    assert_eq!(response.calls[0].name, "pantry_list");
    assert_eq!(response.calls[0].args, json!({"category": "fruta"}));
    assert!(!response.calls[0].id.is_empty());
    assert_ne!(response.calls[0].id, response.calls[1].id);
    let raw = response.raw.clone().expect("raw model turn");
    assert_eq!(
        raw,
        json!({"role": "model", "parts": [
            {"text": "Miro la despensa."},
            {"functionCall": {"name": "pantry_list", "args": {"category": "fruta"}}, "thoughtSignature": "c2lnLUFBQQ=="},
            {"functionCall": {"name": "shopping_add", "args": {"item": "pan"}}},
            {"text": "", "thoughtSignature": "dGV4dC1zaWc="},
        ]})
    );

    // Without the signature the fake answers like Gemini 3: 400.
    let stripped = vec![
        user("¿fruta?"),
        Turn::Assistant {
            text: response.text.clone(),
            calls: response.calls.clone(),
            raw: None,
        },
        results(&response.calls),
    ];
    let error = err(&provider, &request(stripped)).await;
    assert!(
        matches!(error, LlmError::Rejected { status: 400, ref message } if message.contains("thought_signature")),
        "{error:?}"
    );

    // With the raw parts replayed, the follow-up goes through.
    let turns = vec![
        user("¿fruta?"),
        assistant(&response),
        results(&response.calls),
    ];
    let (done, _) = ok(&provider, &request(turns)).await;
    assert_eq!(done.text, "Tienes manzanas.");
    let sent = fake.last();
    assert_eq!(sent.body["contents"][1], raw);
    assert_eq!(
        sent.body["contents"][2],
        json!({"role": "user", "parts": [
            {"functionResponse": {"name": "pantry_list", "response": {"output": ["arroz", "lentejas"]}}},
            {"functionResponse": {"name": "shopping_add", "response": {"error": "unknown item"}}},
        ]})
    );
    assert_eq!(sent.body["systemInstruction"]["parts"][0]["text"], SYSTEM);
    assert!(sent.body["tools"][0]["functionDeclarations"].is_array());
    assert_eq!(fake.count(), 3);
}

#[tokio::test]
async fn gemini_function_call_not_streamed_echoes_the_id() {
    let answer = Answer::calls(
        &[],
        vec![
            FakeCall::new("fc-7", "shopping_add", json!({"item": "huevos", "qty": 12}))
                .signed("c2ln"),
        ],
    );
    let fake = FakeLlm::start(
        Wire::Gemini,
        vec![
            Script::Answer(answer),
            Script::Answer(Answer::text(&["Apuntado."])),
        ],
    )
    .await;
    let provider = gemini(&fake, false);
    let (response, _) = ok(&provider, &request(vec![user("huevos")])).await;
    assert_eq!(
        response.calls,
        vec![call(
            "fc-7",
            "shopping_add",
            json!({"item": "huevos", "qty": 12})
        )]
    );
    assert_eq!(response.stop, StopReason::ToolUse);
    assert_eq!(
        fake.last().path,
        "/v1beta/models/gemini-3-flash:generateContent"
    );

    let turns = vec![
        user("huevos"),
        assistant(&response),
        results(&response.calls),
    ];
    let (done, seen) = ok(&provider, &request(turns)).await;
    assert_eq!(done.text, "Apuntado.");
    assert_eq!(seen, "Apuntado.");
    let sent = fake.last();
    assert_eq!(
        sent.body["contents"][1]["parts"][0]["thoughtSignature"],
        "c2ln"
    );
    assert_eq!(
        sent.body["contents"][2]["parts"][0],
        json!({"functionResponse": {"id": "fc-7", "name": "shopping_add", "response": {"output": ["arroz", "lentejas"]}}})
    );
}

fn gemini_429(details: Value) -> Script {
    Script::error(
        429,
        json!({"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED", "details": details}}),
    )
}

#[tokio::test]
async fn gemini_retry_info_is_honoured() {
    let limited = || {
        gemini_429(json!([
            {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{
                "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
            {"@type": "type.googleapis.com/google.rpc.Help", "links": []},
            {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "0.2s"}
        ]))
    };
    let fake = FakeLlm::start(
        Wire::Gemini,
        vec![limited(), limited(), Script::Answer(Answer::text(&["ok"]))],
    )
    .await;
    let provider = gemini(&fake, true);
    let request = request(vec![user("hola")]);
    assert_eq!(
        err(&provider, &request).await,
        LlmError::RateLimited {
            retry_after: Some(Duration::from_millis(200))
        }
    );
    let started = Instant::now();
    let response = with_retries(&provider, &request, Duration::from_secs(5))
        .await
        .expect("retried");
    assert_eq!(response.text, "ok");
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(fake.count(), 3);
}

#[tokio::test]
async fn gemini_daily_quota_is_not_retried() {
    let daily = gemini_429(json!([
        {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{
            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            "quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]},
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "43200s"}
    ]));
    let fake = FakeLlm::start(
        Wire::Gemini,
        vec![daily, Script::Answer(Answer::text(&["never"]))],
    )
    .await;
    let provider = gemini(&fake, false);
    let error = with_retries(
        &provider,
        &request(vec![user("hola")]),
        Duration::from_secs(5),
    )
    .await
    .expect_err("daily quota");
    assert!(matches!(error, LlmError::QuotaExhausted(_)), "{error:?}");
    assert_eq!(fake.count(), 1);
}

#[tokio::test]
async fn gemini_errors_are_classified() {
    let unavailable = json!({"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}});
    let internal = json!({"error": {"code": 500, "message": "An internal error has occurred.", "status": "INTERNAL"}});
    let fake = FakeLlm::start(
        Wire::Gemini,
        vec![
            Script::error(503, unavailable),
            Script::error(500, internal),
            Script::Raw { status: 200, content_type: "text/event-stream", body: "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"cut\"}]}}]}\n\n".into() },
        ],
    )
    .await;
    let request = request(vec![user("hola")]);
    let provider = gemini(&fake, false);
    assert_eq!(
        err(&provider, &request).await,
        LlmError::Overloaded { retry_after: None }
    );
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::Server { status: 500, .. }
    ));
    assert!(
        matches!(
            err(&gemini(&fake, true), &request).await,
            LlmError::Stream(_)
        ),
        "no finishReason: cut off"
    );
    let wrong_key = GeminiProvider::new(
        client(),
        &fake.base_url,
        "models/gemini-3-flash",
        Secret::new("nope"),
        false,
        100,
    );
    assert_eq!(err(&wrong_key, &request).await, LlmError::Auth);
    let no_key = GeminiProvider::new(
        client(),
        &fake.base_url,
        "gemini-3-flash",
        Secret::new(""),
        false,
        100,
    );
    assert_eq!(err(&no_key, &request).await, LlmError::Auth);
}

// ------------------------------------------------------------------- OpenAI

#[tokio::test]
async fn openai_plain_text_not_streamed() {
    let fake = FakeLlm::start(
        Wire::OpenAi,
        vec![Script::Answer(Answer::text(&["Buenas."]))],
    )
    .await;
    let provider = openai(&fake, false);
    assert_eq!(provider.name(), "openai");
    let (response, seen) = ok(&provider, &request(vec![user("hola")])).await;
    assert_eq!(response.text, "Buenas.");
    assert_eq!(seen, "Buenas.");
    assert_eq!(response.stop, StopReason::EndTurn);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 21,
            output_tokens: 7
        }
    );
    let sent = fake.last();
    assert_eq!(sent.path, "/v1/chat/completions");
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(sent.body["model"], "qwen3:8b");
    assert_eq!(sent.body["stream"], false);
    assert_eq!(sent.body["max_tokens"], 512);
    assert_eq!(
        messages(&sent),
        vec![
            json!({"role": "system", "content": SYSTEM}),
            json!({"role": "user", "content": "hola"})
        ]
    );
    assert_eq!(sent.body["tools"][0]["type"], "function");
    assert_eq!(sent.body["tools"][0]["function"]["name"], "pantry_list");
    assert_eq!(
        sent.body["tools"][1]["function"]["parameters"]["required"],
        json!(["item"])
    );
}

#[tokio::test]
async fn openai_streams_fragmented_arguments_by_index() {
    let answer = Answer::calls(
        &["Un ", "momento."],
        vec![
            FakeCall::fragments(
                "call_1",
                "pantry_list",
                &["{\"cate", "gory\":", " \"lácteos\"}"],
            ),
            FakeCall::fragments(
                "call_2",
                "shopping_add",
                &["{\"item\"", ": \"yogur\"", ", \"qty\": 4", "}"],
            ),
        ],
    );
    let fake = FakeLlm::start(
        Wire::OpenAi,
        vec![
            Script::Answer(answer),
            Script::Answer(Answer::text(&["Hecho."])),
        ],
    )
    .await;
    let provider = openai(&fake, true);
    let (response, seen) = ok(&provider, &request(vec![user("yogur")])).await;
    assert_eq!(seen, "Un momento.");
    assert_eq!(
        response.calls,
        vec![
            call("call_1", "pantry_list", json!({"category": "lácteos"})),
            call("call_2", "shopping_add", json!({"item": "yogur", "qty": 4})),
        ]
    );
    assert_eq!(response.stop, StopReason::ToolUse);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 21,
            output_tokens: 7
        },
        "from the include_usage chunk"
    );
    let sent = fake.last();
    assert_eq!(sent.body["stream"], true);
    assert_eq!(sent.body["stream_options"], json!({"include_usage": true}));

    // Follow-up: the assistant message with tool_calls, then role "tool".
    let turns = vec![
        user("yogur"),
        assistant(&response),
        results(&response.calls),
    ];
    let (done, _) = ok(&provider, &request(turns)).await;
    assert_eq!(done.text, "Hecho.");
    let sent = messages(&fake.last());
    assert_eq!(sent.len(), 5);
    assert_eq!(sent[2]["role"], "assistant");
    assert_eq!(sent[2]["content"], "Un momento.");
    assert_eq!(sent[2]["tool_calls"][1]["id"], "call_2");
    assert_eq!(sent[2]["tool_calls"][1]["type"], "function");
    let arguments: Value = serde_json::from_str(
        sent[2]["tool_calls"][1]["function"]["arguments"]
            .as_str()
            .unwrap_or(""),
    )
    .unwrap_or_default();
    assert_eq!(arguments, json!({"item": "yogur", "qty": 4}));
    assert_eq!(
        sent[3],
        json!({"role": "tool", "tool_call_id": "call_1", "content": "[\"arroz\",\"lentejas\"]"})
    );
    assert_eq!(sent[4]["role"], "tool");
    assert_eq!(sent[4]["tool_call_id"], "call_2");
    assert!(
        sent[4]["content"]
            .as_str()
            .is_some_and(|c| c.contains("unknown item"))
    );
}

#[tokio::test]
async fn openai_ollama_whole_calls_and_missing_ids() {
    let answer = Answer {
        ollama: true,
        ..Answer::calls(
            &[],
            vec![
                FakeCall::new("call_x", "pantry_list", json!({})),
                FakeCall::new("unused", "shopping_add", json!({"item": "sal"})).without_id(),
                FakeCall::new("unused", "shopping_add", json!({"item": "pimienta"})).without_id(),
            ],
        )
    };
    let fake = FakeLlm::keyless(
        Wire::OpenAi,
        vec![
            Script::Answer(answer),
            Script::Answer(Answer::text(&["ok"])),
        ],
    )
    .await;
    let provider = OpenAiProvider::new(
        client(),
        &fake.base_url,
        "llama3.2",
        Secret::new(""),
        true,
        256,
    );
    let (response, _) = ok(&provider, &request(vec![user("sal y pimienta")])).await;
    assert_eq!(
        fake.last().header("authorization"),
        None,
        "no key, no header"
    );
    let names: Vec<(&str, &Value)> = response
        .calls
        .iter()
        .map(|c| (c.name.as_str(), &c.args))
        .collect();
    assert_eq!(
        names,
        vec![
            ("pantry_list", &json!({})),
            ("shopping_add", &json!({"item": "sal"})),
            ("shopping_add", &json!({"item": "pimienta"}))
        ]
    );
    assert_eq!(response.calls[0].id, "call_x");
    assert!(
        response
            .calls
            .iter()
            .all(|c| !c.id.is_empty() && !c.malformed)
    );
    assert_ne!(response.calls[1].id, response.calls[2].id);
    assert_eq!(response.stop, StopReason::ToolUse);
    assert_eq!(
        response.usage,
        Usage {
            input_tokens: 21,
            output_tokens: 7
        }
    );
    // The generated ids work in the follow-up.
    let turns = vec![
        user("sal y pimienta"),
        assistant(&response),
        results(&response.calls),
    ];
    ok(&provider, &request(turns)).await;
    assert_eq!(
        messages(&fake.last())[5]["tool_call_id"],
        json!(response.calls[2].id)
    );
}

#[tokio::test]
async fn openai_malformed_arguments_are_flagged() {
    let answer = Answer::calls(
        &[],
        vec![FakeCall::fragments(
            "call_m",
            "shopping_add",
            &["{\"item\": leche}"],
        )],
    );
    let streamed = Answer::calls(
        &[],
        vec![FakeCall::fragments(
            "call_s",
            "shopping_add",
            &["{\"item\": ", "\"pan\"", ", 7]"],
        )],
    );
    let fake = FakeLlm::start(
        Wire::OpenAi,
        vec![
            Script::Answer(answer),
            Script::Answer(Answer::text(&["Repito."])),
            Script::Answer(streamed),
        ],
    )
    .await;
    let provider = openai(&fake, false);
    let (response, _) = ok(&provider, &request(vec![user("leche")])).await;
    assert_eq!(response.calls.len(), 1);
    assert!(response.calls[0].malformed);
    assert_eq!(response.calls[0].args, json!("{\"item\": leche}"));
    // Resent as `{}` (Ollama rejects arguments that do not parse).
    let turns = vec![
        user("leche"),
        assistant(&response),
        results(&response.calls),
    ];
    let (done, _) = ok(&provider, &request(turns)).await;
    assert_eq!(done.text, "Repito.");
    assert_eq!(
        messages(&fake.last())[2]["tool_calls"][0]["function"]["arguments"],
        "{}"
    );

    let (response, _) = ok(&openai(&fake, true), &request(vec![user("pan")])).await;
    assert!(response.calls[0].malformed);
    assert_eq!(response.calls[0].args, json!("{\"item\": \"pan\", 7]"));
}

#[tokio::test]
async fn openai_errors_are_classified() {
    let rate = json!({"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}});
    let quota = json!({"error": {"message": "You exceeded your current quota", "type": "insufficient_quota", "code": "insufficient_quota"}});
    let fake = FakeLlm::start(
        Wire::OpenAi,
        vec![
            Script::error_with(429, &[("retry-after", "1")], rate.clone()),
            Script::error_with(429, &[("retry-after-ms", "150"), ("retry-after", "1")], rate),
            Script::error(429, quota),
            Script::error(503, json!({"error": {"message": "Loading model", "type": "unavailable_error", "code": 503}})),
            Script::error(404, json!({"error": {"message": "model \"nope\" not found, try pulling it first", "type": "not_found_error"}})),
            Script::Raw { status: 200, content_type: "text/event-stream", body: "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n".into() },
            Script::Raw { status: 200, content_type: "application/json", body: "{\"choices\": []}".into() },
        ],
    )
    .await;
    let request = request(vec![user("hola")]);
    let provider = openai(&fake, false);
    assert_eq!(
        err(&provider, &request).await,
        LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(1))
        }
    );
    assert_eq!(
        err(&provider, &request).await,
        LlmError::RateLimited {
            retry_after: Some(Duration::from_millis(150))
        }
    );
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::QuotaExhausted(_)
    ));
    assert_eq!(
        err(&provider, &request).await,
        LlmError::Overloaded { retry_after: None }
    );
    assert!(
        matches!(err(&provider, &request).await, LlmError::Rejected { status: 404, ref message } if message.contains("not found"))
    );
    assert!(
        matches!(
            err(&openai(&fake, true), &request).await,
            LlmError::Stream(_)
        ),
        "no [DONE], no finish_reason"
    );
    assert!(matches!(
        err(&provider, &request).await,
        LlmError::Malformed(_)
    ));
    let wrong_key = OpenAiProvider::new(
        client(),
        &fake.base_url,
        "m",
        Secret::new("nope"),
        false,
        100,
    );
    assert_eq!(err(&wrong_key, &request).await, LlmError::Auth);
}
