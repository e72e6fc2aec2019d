//! The session store: tower-sessions' SQL store for the database in use,
//! with two changes.
//!
//! - **The table never holds a session id.** It holds the id's SHA-256
//!   (first 128 bits) instead, in the id column and in the stored record.
//!   Whoever reads the table (a backup, a read-only operator account, an
//!   injection elsewhere) learns nothing that logs them in. Ids are 128
//!   random bits, so a fast hash is enough: there is nothing to guess.
//! - **A session that ends unused is audited.** An idle session is never
//!   seen again by a request, so it is logged when the sweep deletes it:
//!   one `session_expired` event with its citizen, by whichever instance's
//!   sweep deletes the row (`DELETE … RETURNING`, so never twice). A session
//!   that outlives its absolute lifetime while in use is logged by
//!   `web::session_lifetime` as it ends it. "Expired" is by the portal's
//!   clock, so a test sweeps by moving it instead of waiting.

use app::domain::audit::AuditKind;
use app::server::session::CITIZEN_ID;
use app::server::{CitizenId, Clock, Db};
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

#[derive(Debug, Clone)]
pub struct PortalSessionStore<S> {
    inner: S,
    pool: Db,
    clock: Clock,
}

impl<S> PortalSessionStore<S> {
    pub fn new(inner: S, pool: Db, clock: Clock) -> Self {
        PortalSessionStore { inner, pool, clock }
    }
}

/// What the table keeps in place of a session id.
pub fn stored_id(id: Id) -> Id {
    let digest = Sha256::new().chain_update(b"kanta-session-id:").chain_update(id.0.to_le_bytes()).finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    Id(i128::from_le_bytes(first))
}

fn as_stored(record: &Record) -> Record {
    Record { id: stored_id(record.id), ..record.clone() }
}

#[async_trait]
impl<S: SessionStore + Clone> SessionStore for PortalSessionStore<S> {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let mut stored = as_stored(record);
            self.inner.create(&mut stored).await?;
            if stored.id == stored_id(record.id) {
                return Ok(());
            }
            // The inner store changed the id: a hash collided with a live
            // session (about 2^-128). That row is not ours; start over.
            self.inner.delete(&stored.id).await?;
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.inner.save(&as_stored(record)).await
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        Ok(self.inner.load(&stored_id(*session_id)).await?.map(|r| Record { id: *session_id, ..r }))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        self.inner.delete(&stored_id(*session_id)).await
    }
}

#[async_trait]
impl<S: SessionStore + Clone> ExpiredDeletion for PortalSessionStore<S> {
    /// Deletes the expired sessions and audits each one that was logged in.
    async fn delete_expired(&self) -> session_store::Result<()> {
        let backend = |e: sqlx::Error| session_store::Error::Backend(e.to_string());
        // The same conditions as tower-sessions-sqlx-store's own sweeps,
        // with the portal's clock for the database's.
        let now = self.clock.now();
        let swept: Vec<Vec<u8>> = match &self.pool {
            Db::Sqlite(p) => sqlx::query_scalar(
                "DELETE FROM tower_sessions WHERE datetime(expiry_date) < datetime($1) RETURNING data",
            )
            .bind(now.format("%Y-%m-%d %H:%M:%S%.f").to_string())
            .fetch_all(p)
            .await
            .map_err(backend)?,
            Db::Postgres(p) => sqlx::query_scalar(
                "DELETE FROM tower_sessions.session WHERE expiry_date < ($1 at time zone 'utc') RETURNING data",
            )
            .bind(now)
            .fetch_all(p)
            .await
            .map_err(backend)?,
        };
        for data in swept {
            let citizen = rmp_serde::from_slice::<Record>(&data)
                .ok()
                .and_then(|r| r.data.get(CITIZEN_ID).and_then(|v| v.as_i64()));
            if let Some(citizen) = citizen {
                tracing::info!("session ended: idle");
                self.pool
                    .record_audit(now, AuditKind::SessionExpired, Some(CitizenId(citizen)), None, None, None)
                    .await
                    .map_err(|e| session_store::Error::Backend(format!("{e:?}")))?;
            }
        }
        Ok(())
    }
}
