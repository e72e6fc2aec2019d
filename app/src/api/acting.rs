//! Acting for someone else: the people the citizen may act for (children in
//! their guardianship, adults who gave them an e-authorisation), starting
//! to act for one, and back to their own data. Whose data a request reads
//! is decided again on every request (`server::session_subject`).

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::acting::ActingFor;
use crate::domain::acting::ActingRight;
use crate::error::AppError;

/// A person the logged-in citizen may act for today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActForView {
    pub id: i64,
    pub full_name: String,
    pub right: ActingRight,
    /// A child's age in years.
    pub age: Option<u32>,
    /// The last day the right holds.
    pub until: NaiveDate,
}

/// The people the logged-in citizen may act for today: children under 18
/// in their guardianship, and adults whose e-authorisation is valid today.
#[server(endpoint = "people_to_act_for")]
pub async fn people_to_act_for() -> Result<Vec<ActForView>, AppError> {
    use crate::server::*;
    let (_, citizen) = require_informed_citizen().await?;
    people_on(&pool()?, citizen, today()?).await
}

/// The people `citizen` may act for on `today`.
#[cfg(feature = "ssr")]
pub async fn people_on(
    pool: &crate::server::Db,
    citizen: crate::server::CitizenId,
    today: NaiveDate,
) -> Result<Vec<ActForView>, AppError> {
    use crate::domain::listing::birthday;
    Ok(pool
        .relations_of(citizen)
        .await?
        .into_iter()
        .filter_map(|r| {
            let acting = r.acting_on(today)?;
            let born = r.person.identity_code.birth_date();
            let age = (acting.right == ActingRight::Guardian)
                .then(|| (1..=18).take_while(|y| birthday(born, *y) <= today).count() as u32);
            Some(ActForView {
                id: r.person.id.0,
                full_name: r.person.full_name,
                right: acting.right,
                age,
                until: acting.until,
            })
        })
        .collect())
}

/// Starts acting for someone: refused (403, in the audit log) unless the
/// asker is their guardian and they are under 18, or holds their
/// e-authorisation valid today. Answers where to go next.
#[server(endpoint = "act_for")]
pub async fn act_for(person: i64) -> Result<String, AppError> {
    use crate::domain::audit::AuditKind;
    use crate::server::*;
    let (session, citizen) = require_informed_citizen().await?;
    let today = today()?;
    let relation = if person == citizen.0 { None } else { pool()?.relation_to(citizen, CitizenId(person)).await? };
    match relation.and_then(|r| r.acting_on(today).map(|a| (r.person, a))) {
        Some((p, acting)) => {
            session.act_for(p.id).await.map_err(store_failed)?;
            tracing::info!(citizen = citizen.0, other = p.id.0, right = acting.right.as_str(), "acting for someone");
            audit(AuditKind::ActingFor, Some(citizen), Some(p.id.0)).await;
            Ok(navigate_after_form("/records"))
        }
        None => {
            tracing::warn!(
                citizen = citizen.0,
                person,
                "refused: neither a minor in their guardianship nor authorised"
            );
            audit(AuditKind::AccessRefused, Some(citizen), Some(person)).await;
            Err(AppError::Forbidden)
        }
    }
}

/// Back to the citizen's own data.
#[server(endpoint = "act_for_self")]
pub async fn act_for_self() -> Result<String, AppError> {
    use crate::server::*;
    let (session, citizen) = require_citizen().await?;
    if session.stop_acting().await.map_err(store_failed)?.is_some() {
        audit(crate::domain::audit::AuditKind::ActingForSelf, Some(citizen), None).await;
    }
    Ok(navigate_after_form("/"))
}
