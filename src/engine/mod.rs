//! The conversation engine: understand → decide → act → answer.
//!
//! - [`tools`]: the one tool catalog every understanding produces calls to.
//! - [`offline`]: rule-based understanding in English and Spanish (always on, last in the chain).
//! - [`llm`]: language-model providers (Anthropic, Gemini, OpenAI-compatible) and retries.
//! - [`dialogue`]: per-chat state (a pending confirmation, recent turns), stored with the chat.
//! - [`prompts`]: system prompts per language; outside content wrapped as data.
//!
//! Architecture invariant: the engine resolves the household from the chat
//! and the sender, in code; every tool call runs with that household and
//! nothing a model says can change it.

pub mod dialogue;
pub mod llm;
pub mod offline;
pub mod prompts;
pub mod tools;

use crate::config::{Config, LlmConfig, ProviderConfig};
use crate::domain::household::{Household, Identity, MemberId, Preferences};
use crate::services::plans::local_today;
use crate::services::{Kitchen, ServiceError, ServiceResult};
use chrono::{DateTime, Utc};
use dialogue::{Pending, State};
use kecarajocomer_channel::{Button, Content, Inbound};
use llm::retry::{RetryPolicy, complete_with_retries};
use llm::{ChatRequest, Provider, ToolResult as LlmToolResult, ToolSpec, Turn};
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tools::{Context, ToolError};

/// One message back to the person.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reply {
    pub text: String,
    pub buttons: Vec<Vec<Button>>,
}

/// The engine: the kitchen services plus the understanding chain.
#[derive(Clone)]
pub struct Engine {
    pub kitchen: Kitchen,
    providers: Vec<Arc<dyn Provider>>,
    llm: LlmConfig,
    default_household: String,
    default_preferences: Preferences,
}

/// The most text a tool result may send back to a model.
const MAX_TOOL_RESULT: usize = 6000;

impl Engine {
    /// Builds the engine and the providers named in `llm.chain`.
    pub fn new(kitchen: Kitchen, config: &Config) -> anyhow::Result<Engine> {
        let client = llm::http_client(Duration::from_secs(5))?;
        let mut providers: Vec<Arc<dyn Provider>> = Vec::new();
        for name in &config.llm.chain {
            let p = |c: &ProviderConfig| {
                (
                    c.base_url.clone(),
                    c.model.clone(),
                    c.api_key.clone(),
                    c.stream,
                    c.max_tokens,
                )
            };
            match name.as_str() {
                "anthropic" => {
                    let (u, m, k, s, t) = p(&config.llm.anthropic);
                    providers.push(Arc::new(llm::AnthropicProvider::new(
                        client.clone(),
                        u,
                        m,
                        k,
                        s,
                        t,
                    )));
                }
                "gemini" => {
                    let (u, m, k, s, t) = p(&config.llm.gemini);
                    providers.push(Arc::new(llm::GeminiProvider::new(
                        client.clone(),
                        u,
                        m,
                        k,
                        s,
                        t,
                    )));
                }
                "openai" => {
                    let (u, m, k, s, t) = p(&config.llm.openai);
                    providers.push(Arc::new(llm::OpenAiProvider::new(
                        client.clone(),
                        u,
                        m,
                        k,
                        s,
                        t,
                    )));
                }
                _ => {}
            }
        }
        Ok(Engine {
            kitchen,
            providers,
            llm: config.llm.clone(),
            default_household: config.household.default_name.clone(),
            default_preferences: Preferences {
                timezone: config.household.timezone.clone(),
                language: config.household.language,
                ..Preferences::default()
            },
        })
    }

    /// The providers tried before the offline parser, in order.
    pub fn provider_names(&self) -> Vec<String> {
        self.providers
            .iter()
            .map(|p| p.name().to_string())
            .collect()
    }

    /// Handles one inbound message and returns the replies.
    pub async fn handle(&self, inbound: &Inbound, now: DateTime<Utc>) -> ServiceResult<Vec<Reply>> {
        self.handle_streaming(inbound, now, &mut |_| {}).await
    }

    /// Handles one message; `on_text` sees a model's answer as it streams.
    #[tracing::instrument(skip_all, fields(channel = %inbound.chat.channel.0))]
    pub async fn handle_streaming(
        &self,
        inbound: &Inbound,
        now: DateTime<Utc>,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> ServiceResult<Vec<Reply>> {
        let store = &self.kitchen.store;
        let channel = inbound.chat.channel.0.as_str();
        let chat_id = inbound.chat.chat_id.as_str();
        let (household, member, state_json) = self.household_for(inbound, now).await?;
        let body = match &inbound.content {
            Content::Text { text } => text.clone(),
            Content::Button { data } => format!("[button] {data}"),
        };
        // Nothing is lost, nothing is done twice: a message with a platform
        // id is recorded (and deduplicated) before acting; one without is
        // recorded together with its replies, before they are returned.
        let deferred_inbound = match inbound.platform_message_id.as_deref() {
            Some(id) => {
                let recorded = store
                    .record_inbound(Some(household.id), channel, chat_id, Some(id), &body, now)
                    .await?;
                if recorded.is_none() {
                    tracing::info!("duplicate inbound message ignored");
                    return Ok(Vec::new());
                }
                None
            }
            None => Some(body),
        };
        let mut state = State::parse(&state_json);
        let state_json = state.to_json();
        let ctx = Context {
            kitchen: &self.kitchen,
            today: local_today(&household, now),
            household,
            member,
            identity: Some(Identity {
                channel: channel.to_string(),
                platform_user_id: inbound.sender.platform_user_id.clone(),
            }),
            channel: channel.to_string(),
            chat_id: chat_id.to_string(),
            now,
            confirmed: false,
        };
        let replies = match &inbound.content {
            Content::Button { data } => self.button(&ctx, &mut state, data).await,
            Content::Text { text } => self.text(&ctx, &mut state, text, on_text).await,
        };
        // Recent turns are context for models; without models there is no
        // one to remember them for.
        if !self.providers.is_empty() {
            if let Content::Text { text } = &inbound.content {
                state.remember("user", text);
            }
            if let Some(last) = replies.last() {
                state.remember("assistant", &last.text);
            }
        }
        // Web and CLI replies are delivered by returning them.
        let delivered = matches!(channel, "web" | "cli");
        let texts: Vec<String> = replies.iter().map(|r| r.text.clone()).collect();
        let new_state = state.to_json();
        let changed = new_state != state_json;
        store
            .finish_turn(
                ctx.household.id,
                channel,
                chat_id,
                deferred_inbound.as_deref(),
                &texts,
                delivered,
                changed.then_some(new_state.as_str()),
                now,
            )
            .await?;
        Ok(replies)
    }

    /// The household a message speaks for: the chat's, or the sender's, or
    /// a new one for a new chat. Returns it with the sender's member id (when
    /// the sender belongs to it) and the chat's stored state.
    async fn household_for(
        &self,
        inbound: &Inbound,
        now: DateTime<Utc>,
    ) -> ServiceResult<(Household, Option<MemberId>, String)> {
        let store = &self.kitchen.store;
        let channel = inbound.chat.channel.0.as_str();
        let chat_id = inbound.chat.chat_id.as_str();
        let identity = Identity {
            channel: channel.to_string(),
            platform_user_id: inbound.sender.platform_user_id.clone(),
        };
        // The common case: a known chat, in one query.
        if let Some(ctx) = store
            .chat_context(channel, chat_id, &identity.platform_user_id)
            .await?
        {
            let member = match ctx.sender {
                Some((h, m)) if h == ctx.household.id => Some(m),
                Some(_) => None,
                None => {
                    self.join_member(&ctx.household, inbound, &identity, now)
                        .await?
                }
            };
            return Ok((ctx.household, member, ctx.state));
        }
        let (household_id, state) = match store.chat(channel, chat_id).await? {
            Some(rec) => (rec.household, rec.state),
            None => {
                let h = match store.resolve_identity(&identity).await? {
                    Some((h, _)) => h,
                    None if channel == "cli" => {
                        self.kitchen
                            .ensure_household(
                                &self.default_household,
                                &self.default_preferences,
                                now,
                            )
                            .await?
                            .id
                    }
                    None => {
                        let name = format!("{channel}:{chat_id}");
                        self.kitchen
                            .ensure_household(&name, &self.default_preferences, now)
                            .await?
                            .id
                    }
                };
                store.bind_chat(channel, chat_id, h, now).await?;
                (h, "{}".to_string())
            }
        };
        let household = store
            .household(household_id)
            .await?
            .ok_or_else(|| ServiceError::not_found("this chat's household no longer exists"))?;
        let member = match store.resolve_identity(&identity).await? {
            Some((h, m)) if h == household.id => Some(m),
            Some(_) => None,
            None => {
                self.join_member(&household, inbound, &identity, now)
                    .await?
            }
        };
        Ok((household, member, state))
    }

    /// Someone new in a household's chat joins it as a member.
    async fn join_member(
        &self,
        household: &Household,
        inbound: &Inbound,
        identity: &Identity,
        now: DateTime<Utc>,
    ) -> ServiceResult<Option<MemberId>> {
        let store = &self.kitchen.store;
        let name = inbound
            .sender
            .display_name
            .clone()
            .unwrap_or_else(|| identity.platform_user_id.clone());
        let m = store.add_member(household.id, &name, now).await?;
        match store.link_identity(household.id, m.id, identity, now).await {
            Ok(()) => Ok(Some(m.id)),
            Err(e) => {
                tracing::warn!(error = %e, "could not link a new member's identity");
                Ok(None)
            }
        }
    }

    async fn button(&self, ctx: &Context<'_>, state: &mut State, data: &str) -> Vec<Reply> {
        match data {
            "ok" | "yes" => return self.confirm(ctx, state, true).await,
            "no" => return self.confirm(ctx, state, false).await,
            _ => {}
        }
        match dialogue::button_call(data) {
            Some((tool, args)) => self.run_calls(ctx, state, vec![(tool, args)]).await,
            None => vec![Reply {
                text: ctx
                    .t("That button has expired.", "Ese botón ya no sirve.")
                    .into(),
                buttons: Vec::new(),
            }],
        }
    }

    async fn confirm(&self, ctx: &Context<'_>, state: &mut State, yes: bool) -> Vec<Reply> {
        let Some(pending) = state.pending.take() else {
            return vec![Reply {
                text: ctx
                    .t(
                        "There is nothing waiting for a yes.",
                        "No hay nada esperando confirmación.",
                    )
                    .into(),
                buttons: Vec::new(),
            }];
        };
        if !yes {
            return vec![Reply {
                text: ctx
                    .t("OK, nothing changed.", "Listo, no cambié nada.")
                    .into(),
                buttons: Vec::new(),
            }];
        }
        let confirmed = Context {
            confirmed: true,
            ..ctx.clone_for_confirm()
        };
        self.run_calls(&confirmed, state, vec![(pending.tool, pending.args)])
            .await
    }

    async fn text(
        &self,
        ctx: &Context<'_>,
        state: &mut State,
        text: &str,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Vec<Reply> {
        if state.pending.is_some() {
            if let Some(yes) = dialogue::yes_or_no(text) {
                return self.confirm(ctx, state, yes).await;
            }
            // Anything else drops the question.
            state.pending = None;
        }
        let text = text.trim();
        if text.is_empty() {
            return Vec::new();
        }
        if text.chars().count() > 4000 {
            return vec![Reply {
                text: ctx
                    .t(
                        "That message is too long: send it in parts.",
                        "Ese mensaje es muy largo: mandalo en partes.",
                    )
                    .into(),
                buttons: Vec::new(),
            }];
        }
        if let Some(replies) = self.with_models(ctx, state, text, on_text).await {
            return replies;
        }
        let tz = crate::services::plans::household_tz(&ctx.household);
        let local = ctx.now.with_timezone(&tz);
        let calls = offline::understand(
            text,
            offline::Now {
                today: local.date_naive(),
                time: local.time(),
            },
        );
        if calls.is_empty() {
            return vec![Reply {
                text: ctx
                    .t(
                        "Sorry, I didn't get that. You can say things like \"plan dinners for next week\", \"we need milk\", \"what's for dinner?\" or \"help\".",
                        "Perdón, no entendí. Podés decirme cosas como \"planificá las cenas de la semana\", \"necesitamos leche\", \"¿qué comemos hoy?\" o \"ayuda\".",
                    )
                    .into(),
                buttons: Vec::new(),
            }];
        }
        self.run_calls(
            ctx,
            state,
            calls.into_iter().map(|c| (c.tool, c.args)).collect(),
        )
        .await
    }

    /// Runs calls in order; a confirmation question stops the rest.
    async fn run_calls(
        &self,
        ctx: &Context<'_>,
        state: &mut State,
        calls: Vec<(String, Value)>,
    ) -> Vec<Reply> {
        let mut replies = Vec::new();
        for (name, args) in calls {
            let Some(tool) = tools::find(&name) else {
                tracing::warn!(tool = %name, "call to an unknown tool");
                continue;
            };
            match tool.call(ctx, args.clone()).await {
                Ok(out) => replies.push(Reply {
                    text: out.text,
                    buttons: out.buttons,
                }),
                Err(ToolError::Confirm(question)) => {
                    state.pending = Some(Pending {
                        tool: name,
                        args,
                        question: question.clone(),
                    });
                    replies.push(Reply {
                        text: question,
                        buttons: yes_no_buttons(ctx),
                    });
                    break;
                }
                Err(e) => replies.push(Reply {
                    text: e.localized(ctx.spanish()),
                    buttons: Vec::new(),
                }),
            }
        }
        replies
    }

    /// The language-model chain; `None` when no model answered (then the
    /// offline parser does).
    async fn with_models(
        &self,
        ctx: &Context<'_>,
        state: &mut State,
        text: &str,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Option<Vec<Reply>> {
        if self.providers.is_empty() {
            return None;
        }
        let month = ctx.now.format("%Y-%m").to_string();
        let used = self
            .kitchen
            .store
            .llm_usage(ctx.household.id, &month)
            .await
            .unwrap_or(u64::MAX);
        if used >= self.llm.monthly_tokens_per_household {
            tracing::warn!(household = %ctx.household.id, used, "monthly model budget reached; answering offline");
            return None;
        }
        let deadline =
            tokio::time::Instant::now() + Duration::from_secs(self.llm.deadline_seconds.max(1));
        let tz = crate::services::plans::household_tz(&ctx.household);
        let local = ctx.now.with_timezone(&tz);
        let system = prompts::system(&ctx.household, local.date_naive(), local.time());
        let specs: Vec<ToolSpec> = tools::CATALOG
            .iter()
            .map(|t| ToolSpec {
                name: t.name.into(),
                description: t.description(ctx.spanish()).into(),
                parameters: t.schema(),
            })
            .collect();
        for provider in &self.providers {
            let mut turns: Vec<Turn> = state
                .recent
                .iter()
                .map(|r| {
                    if r.role == "user" {
                        Turn::User {
                            text: r.text.clone(),
                        }
                    } else {
                        Turn::Assistant {
                            text: r.text.clone(),
                            calls: Vec::new(),
                            raw: None,
                        }
                    }
                })
                .collect();
            turns.push(Turn::User {
                text: text.to_string(),
            });
            match self
                .tool_loop(
                    provider.as_ref(),
                    ctx,
                    state,
                    &system,
                    &specs,
                    turns,
                    deadline,
                    &month,
                    on_text,
                )
                .await
            {
                Ok(replies) => return Some(replies),
                Err(e) => {
                    tracing::warn!(provider = provider.name(), error = %e, "model failed; falling back to the next in the chain");
                }
            }
        }
        tracing::warn!("every model failed; answering offline");
        None
    }

    #[allow(clippy::too_many_arguments)]
    async fn tool_loop(
        &self,
        provider: &dyn Provider,
        ctx: &Context<'_>,
        state: &mut State,
        system: &str,
        specs: &[ToolSpec],
        mut turns: Vec<Turn>,
        deadline: tokio::time::Instant,
        month: &str,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Vec<Reply>, llm::LlmError> {
        let policy = RetryPolicy {
            attempts: self.llm.attempts.max(1),
            ..RetryPolicy::default()
        };
        let mut buttons = Vec::new();
        let mut tool_texts: Vec<String> = Vec::new();
        for _ in 0..self.llm.max_rounds.max(1) {
            let request = ChatRequest {
                system: system.to_string(),
                turns: turns.clone(),
                tools: specs.to_vec(),
                max_tokens: 1024,
            };
            let response =
                complete_with_retries(provider, &request, policy, deadline, &mut *on_text).await?;
            let u = response.usage;
            if let Err(e) = self
                .kitchen
                .store
                .add_llm_usage(ctx.household.id, month, u.input_tokens, u.output_tokens)
                .await
            {
                tracing::warn!(error = %e, "could not record model usage");
            }
            if response.calls.is_empty() {
                let text = if response.text.trim().is_empty() {
                    tool_texts.join("\n\n")
                } else {
                    response.text
                };
                return Ok(vec![Reply { text, buttons }]);
            }
            turns.push(Turn::Assistant {
                text: response.text.clone(),
                calls: response.calls.clone(),
                raw: response.raw.clone(),
            });
            let mut results = Vec::new();
            for call in &response.calls {
                let (content, is_error) = if call.malformed {
                    ("the arguments were not valid JSON; send a JSON object that matches the tool's schema".to_string(), true)
                } else {
                    match tools::find(&call.name) {
                        None => (format!("there is no tool named {}", call.name), true),
                        Some(tool) => match tool.call(ctx, call.args.clone()).await {
                            Ok(out) => {
                                if !out.buttons.is_empty() {
                                    buttons = out.buttons.clone();
                                }
                                tool_texts.push(out.text.clone());
                                let mut data = serde_json::to_string(&out.data).unwrap_or_default();
                                if data.len() > MAX_TOOL_RESULT {
                                    data.truncate(data.floor_char_boundary(MAX_TOOL_RESULT));
                                }
                                (data, false)
                            }
                            Err(ToolError::Confirm(question)) => {
                                // A destructive action: the person decides, not the model.
                                state.pending = Some(Pending {
                                    tool: call.name.clone(),
                                    args: call.args.clone(),
                                    question: question.clone(),
                                });
                                return Ok(vec![Reply {
                                    text: question,
                                    buttons: yes_no_buttons(ctx),
                                }]);
                            }
                            Err(e) => (e.to_string(), true),
                        },
                    }
                };
                results.push(LlmToolResult {
                    call_id: call.id.clone(),
                    name: call.name.clone(),
                    content,
                    is_error,
                });
            }
            turns.push(Turn::ToolResults { results });
        }
        tracing::warn!(
            provider = provider.name(),
            "tool loop stopped after the most rounds"
        );
        let text = if tool_texts.is_empty() {
            ctx.t(
                "I couldn't finish that; try asking in smaller steps.",
                "No pude terminar eso; probá pedirlo por partes.",
            )
            .to_string()
        } else {
            tool_texts.join("\n\n")
        };
        Ok(vec![Reply { text, buttons }])
    }
}

fn yes_no_buttons(ctx: &Context<'_>) -> Vec<Vec<Button>> {
    vec![vec![
        Button {
            label: ctx.t("Yes", "Sí").into(),
            data: "ok".into(),
        },
        Button {
            label: ctx.t("No", "No").into(),
            data: "no".into(),
        },
    ]]
}

/// The engine as a handle shared by channels.
pub type SharedEngine = Arc<Engine>;

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("providers", &self.provider_names())
            .finish()
    }
}

#[allow(dead_code)]
fn _assert_send(e: &Engine, i: &Inbound) {
    fn is_send<T: Send>(_: T) {}
    is_send(e.handle(i, Utc::now()));
}
