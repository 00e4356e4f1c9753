//! Households, members, identities and invite codes.

use super::{Kitchen, ServiceError, ServiceResult};
use crate::domain::household::{
    Household, HouseholdId, INVITE_ALPHABET, INVITE_LEN, Identity, MemberId, Preferences,
    normalize_invite,
};
use crate::store::{InviteError, Joined};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;

/// How long an invite code can be used.
pub const INVITE_TTL: Duration = Duration::hours(48);

/// A fresh invite code.
#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    pub code: String,
    pub expires: DateTime<Utc>,
}

impl Kitchen {
    /// The household called `name`, created with `defaults` (and one member
    /// named after it) when it does not exist yet.
    pub async fn ensure_household(
        &self,
        name: &str,
        defaults: &Preferences,
        now: DateTime<Utc>,
    ) -> ServiceResult<Household> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ServiceError::invalid(
                "a household needs a name, like \"home\"",
            ));
        }
        if let Some(h) = self.store.household_by_name(name).await? {
            return Ok(h);
        }
        let h = match self.store.create_household(name, defaults, now).await {
            Ok(h) => h,
            // Created by someone else between the two calls.
            Err(crate::store::StoreError::Conflict(_)) => {
                self.store.household_by_name(name).await?.ok_or_else(|| {
                    ServiceError::not_found(format!("household \"{name}\" vanished"))
                })?
            }
            Err(e) => return Err(e.into()),
        };
        if self.store.members(h.id).await?.is_empty() {
            self.store.add_member(h.id, name, now).await?;
        }
        tracing::info!(household = %h.id, "household created");
        Ok(h)
    }

    /// The household named `name`, or a message saying how to create it.
    pub async fn household_named(&self, name: &str) -> ServiceResult<Household> {
        self.store.household_by_name(name).await?.ok_or_else(|| {
            ServiceError::not_found(format!(
                "there is no household called \"{name}\": check the name, or leave out --household to use the default"
            ))
        })
    }

    /// Makes a short single-use code another person can join with.
    pub async fn create_invite(
        &self,
        h: HouseholdId,
        by: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> ServiceResult<Invite> {
        let code = random_code();
        let expires = now + INVITE_TTL;
        self.store.create_invite(h, by, &code, now, expires).await?;
        Ok(Invite { code, expires })
    }

    /// Makes a short single-use code that links another account of member `m`.
    pub async fn create_link_code(
        &self,
        h: HouseholdId,
        m: MemberId,
        now: DateTime<Utc>,
    ) -> ServiceResult<Invite> {
        let code = random_code();
        let expires = now + INVITE_TTL;
        self.store
            .create_link_code(h, m, &code, now, expires)
            .await?;
        Ok(Invite { code, expires })
    }

    /// Joins the household of an invite code as a new member speaking
    /// through `identity`.
    pub async fn join(
        &self,
        code: &str,
        display_name: &str,
        identity: &Identity,
        now: DateTime<Utc>,
    ) -> ServiceResult<Joined> {
        let Some(code) = normalize_invite(code) else {
            return Err(ServiceError::invalid(format!(
                "\"{}\" is not an invite code: codes are {INVITE_LEN} letters and digits without I, L, O, 0 or 1, like ABCD2345; check it with whoever sent it",
                code.trim()
            ))
            .es(format!("\"{}\" no es un código de invitación: son {INVITE_LEN} letras y números sin I, L, O, 0 ni 1, como ABCD2345; revisalo con quien te lo mandó", code.trim())));
        };
        match self
            .store
            .redeem_invite(&code, display_name, identity, now)
            .await?
        {
            Ok(joined) => Ok(joined),
            Err(e @ (InviteError::Unknown | InviteError::Expired | InviteError::Used)) => {
                Err(ServiceError::not_found(e.to_string()).es(match e {
                    InviteError::Unknown => "ese código no existe: revisalo con quien te lo mandó",
                    InviteError::Expired => "ese código venció: pedí uno nuevo",
                    _ => "ese código ya se usó: pedí uno nuevo",
                }))
            }
            Err(e @ InviteError::AlreadyLinked) => Err(ServiceError::invalid(e.to_string())
                .es("esta cuenta ya es parte de un hogar: salí de ese primero")),
        }
    }
}

fn random_code() -> String {
    let mut rng = rand::thread_rng();
    (0..INVITE_LEN)
        .map(|_| INVITE_ALPHABET[rng.gen_range(0..INVITE_ALPHABET.len())] as char)
        .collect()
}
