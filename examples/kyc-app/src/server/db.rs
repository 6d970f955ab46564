//! The database: SQLite through sqlx (WAL, a busy timeout), created and
//! migrated at start. Writes go through a pool of one connection, so that
//! they queue in the app instead of waiting on SQLite's lock; reads have a
//! pool of their own.
//!
//! Ordering: Persona guarantees neither order nor uniqueness of webhook events.
//! Each event is stored once by its id (a repeat finds it and changes nothing),
//! and applied to its person only when its `created-at` is newer than the
//! newest one applied (`applied_through_ns`), all in one transaction. A read of
//! the API moves that mark to the inquiry's `updated-at`, so an event older than
//! what the API showed is not applied either.

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use leptos_persona_server::webhook::{Timestamp, WebhookEvent};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use crate::model::{KycError, Source, Verification};

/// How long a statement waits for SQLite's lock (another process writing).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a request waits for the writer connection.
pub const WRITE_QUEUE_TIMEOUT: Duration = Duration::from_secs(4);

/// A database error: a failed write or a failed read, with sqlx's words (for
/// the log, never for the page).
#[derive(Debug)]
pub struct DbError {
    /// Whether a write failed (otherwise a read).
    pub write: bool,
    /// What sqlx said.
    pub message: String,
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.write { "write" } else { "read" };
        write!(f, "database {what} failed: {}", self.message)
    }
}

impl From<DbError> for KycError {
    fn from(error: DbError) -> Self {
        if error.write {
            KycError::DatabaseWrite
        } else {
            KycError::DatabaseRead
        }
    }
}

fn write_error(error: sqlx::Error) -> DbError {
    DbError {
        write: true,
        message: error.to_string(),
    }
}

fn read_error(error: sqlx::Error) -> DbError {
    DbError {
        write: false,
        message: error.to_string(),
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A timestamp in Unix nanoseconds (clamped to what an `i64` holds: the years
/// 1677 to 2262).
pub fn nanos(t: &Timestamp) -> i64 {
    let ns = i128::from(t.unix_seconds()) * 1_000_000_000 + i128::from(t.subsec_nanos());
    i64::try_from(ns).unwrap_or(if ns < 0 { i64::MIN } else { i64::MAX })
}

/// Unix milliseconds as `2026-01-02 03:04:05 UTC`.
pub fn display_ms(ms: i64) -> String {
    Timestamp::from_unix(ms.div_euclid(1000), 0)
        .map(|t| {
            let text = t.to_string();
            format!("{} UTC", text.trim_end_matches('Z').replacen('T', " ", 1))
        })
        .unwrap_or_else(|| "an unknown time".into())
}

/// A person, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// `usr_…`: Persona's reference id for them.
    pub id: String,
    /// The name they signed in with.
    pub name: String,
    /// Their verification.
    pub verification: Verification,
}

/// What became of a webhook event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored and applied to its person.
    Applied,
    /// Stored; an event at least as new had been applied already.
    Stale,
    /// Seen before (a repeated delivery): nothing changed.
    Duplicate,
    /// Stored; no person of this app has its reference id or inquiry.
    UnknownUser,
    /// Stored; its payload is not an inquiry.
    Ignored,
}

impl Outcome {
    /// The spelling stored in `webhook_events.outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Stale => "stale",
            Self::Duplicate => "duplicate",
            Self::UnknownUser => "unknown-user",
            Self::Ignored => "ignored",
        }
    }
}

/// The two pools.
#[derive(Clone, Debug)]
pub struct Db {
    write: SqlitePool,
    read: SqlitePool,
}

const USER_COLUMNS: &str =
    "id, name, inquiry_id, status, status_source, status_event, status_updated_at_ms";

fn user_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<User, sqlx::Error> {
    let updated: Option<i64> = row.try_get("status_updated_at_ms")?;
    let source: Option<String> = row.try_get("status_source")?;
    Ok(User {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        verification: Verification {
            inquiry_id: row.try_get("inquiry_id")?,
            status: row.try_get("status")?,
            source: source.as_deref().and_then(Source::parse),
            event: row.try_get("status_event")?,
            updated_at: updated.map(display_ms),
        },
    })
}

impl Db {
    /// Opens (creating it if needed) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, String> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| format!("DATABASE_URL {url:?}: {e}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(WRITE_QUEUE_TIMEOUT)
            .connect_with(options.clone())
            .await
            .map_err(|e| format!("opening the database {url:?}: {e}"))?;
        sqlx::migrate!("./migrations")
            .run(&write)
            .await
            .map_err(|e| format!("migrating the database {url:?}: {e}"))?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(WRITE_QUEUE_TIMEOUT)
            .connect_with(options.read_only(true))
            .await
            .map_err(|e| format!("opening the database {url:?} for reading: {e}"))?;
        Ok(Self { write, read })
    }

    /// The person signed in as `name`, created on their first sign-in with the
    /// id `new_id`.
    pub async fn sign_in(&self, name: &str, new_id: &str) -> Result<User, DbError> {
        sqlx::query(
            "INSERT INTO users (id, name, created_at_ms) VALUES (?1, ?2, ?3) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(new_id)
        .bind(name)
        .bind(now_ms())
        .execute(&self.write)
        .await
        .map_err(write_error)?;
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?1"))
            .bind(name)
            .fetch_one(&self.write)
            .await
            .map_err(read_error)?;
        user_from_row(&row).map_err(read_error)
    }

    /// The person with this id.
    pub async fn user(&self, id: &str) -> Result<Option<User>, DbError> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))
            .bind(id)
            .fetch_optional(&self.read)
            .await
            .map_err(read_error)?;
        row.as_ref()
            .map(user_from_row)
            .transpose()
            .map_err(read_error)
    }

    /// Binds a started inquiry to the person, with the status the start
    /// reported, unless the person already has this inquiry (whose status
    /// then stays as events and reads left it).
    pub async fn bind_inquiry(
        &self,
        user_id: &str,
        inquiry_id: &str,
        status: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE users SET inquiry_id = ?2, status = ?3, status_source = 'api', \
             status_event = NULL, status_updated_at_ms = ?4, applied_through_ns = NULL \
             WHERE id = ?1 AND (inquiry_id IS NULL OR inquiry_id <> ?2)",
        )
        .bind(user_id)
        .bind(inquiry_id)
        .bind(status)
        .bind(now_ms())
        .execute(&self.write)
        .await
        .map_err(write_error)?;
        Ok(())
    }

    /// Stores the status an API read gave for the person's inquiry, unless an
    /// event newer than the read (`updated_at`) was applied already; then moves
    /// the ordering mark to `updated_at`. Returns whether it was stored.
    pub async fn record_read(
        &self,
        user_id: &str,
        inquiry_id: &str,
        status: &str,
        updated_at: Option<&Timestamp>,
    ) -> Result<bool, DbError> {
        let as_of = updated_at.map(nanos);
        let done = sqlx::query(
            "UPDATE users SET status = ?3, status_source = 'api', status_event = NULL, \
             status_updated_at_ms = ?4, \
             applied_through_ns = CASE \
                 WHEN ?5 IS NULL THEN applied_through_ns \
                 WHEN applied_through_ns IS NULL OR applied_through_ns < ?5 THEN ?5 \
                 ELSE applied_through_ns END \
             WHERE id = ?1 AND inquiry_id = ?2 \
             AND (?5 IS NULL OR applied_through_ns IS NULL OR applied_through_ns <= ?5)",
        )
        .bind(user_id)
        .bind(inquiry_id)
        .bind(status)
        .bind(now_ms())
        .bind(as_of)
        .execute(&self.write)
        .await
        .map_err(write_error)?;
        Ok(done.rows_affected() == 1)
    }

    /// Stores a verified webhook event once and applies it to its person when
    /// it is newer than the newest applied, in one transaction.
    pub async fn apply_event(&self, event: &WebhookEvent) -> Result<Outcome, DbError> {
        let created_ns = nanos(&event.created_at);
        let now = now_ms();
        let inquiry = event.inquiry.as_ref();
        let mut tx = self.write.begin().await.map_err(write_error)?;
        // A write first: the transaction holds SQLite's write lock from its
        // first statement on, so no other writer can slip in between.
        let inserted = sqlx::query(
            "INSERT INTO webhook_events \
             (id, name, created_at_ns, inquiry_id, status, outcome, received_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.id)
        .bind(event.name.as_str())
        .bind(created_ns)
        .bind(inquiry.map(|i| i.id.as_str()))
        .bind(inquiry.map(|i| i.status.as_str()))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(write_error)?;
        if inserted.rows_affected() == 0 {
            tx.rollback().await.map_err(write_error)?;
            return Ok(Outcome::Duplicate);
        }
        let (outcome, user_id) = match inquiry {
            None => (Outcome::Ignored, None),
            Some(inquiry) => {
                let user: Option<String> = sqlx::query_scalar(
                    "SELECT id FROM users WHERE id = ?1 \
                     UNION ALL SELECT id FROM users WHERE inquiry_id = ?2 LIMIT 1",
                )
                .bind(inquiry.reference_id.as_deref().unwrap_or(""))
                .bind(&inquiry.id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(write_error)?;
                match user {
                    None => (Outcome::UnknownUser, None),
                    Some(user_id) => {
                        let applied = sqlx::query(
                            "UPDATE users SET inquiry_id = ?2, status = ?3, \
                             status_source = 'webhook', status_event = ?4, \
                             status_updated_at_ms = ?5, applied_through_ns = ?6 \
                             WHERE id = ?1 AND (inquiry_id IS NULL OR inquiry_id = ?2) \
                             AND (applied_through_ns IS NULL OR applied_through_ns < ?6)",
                        )
                        .bind(&user_id)
                        .bind(&inquiry.id)
                        .bind(inquiry.status.as_str())
                        .bind(event.name.as_str())
                        .bind(now)
                        .bind(created_ns)
                        .execute(&mut *tx)
                        .await
                        .map_err(write_error)?;
                        let outcome = if applied.rows_affected() == 1 {
                            Outcome::Applied
                        } else {
                            Outcome::Stale
                        };
                        (outcome, Some(user_id))
                    }
                }
            }
        };
        sqlx::query("UPDATE webhook_events SET outcome = ?2, user_id = ?3 WHERE id = ?1")
            .bind(&event.id)
            .bind(outcome.as_str())
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(write_error)?;
        tx.commit().await.map_err(write_error)?;
        Ok(outcome)
    }

    /// Closes both pools (waits for what is under way).
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos_persona_server::webhook::{sign, WebhookVerifier};
    use leptos_persona_server::Secret;

    /// A fresh database file under the system's temporary folder.
    async fn fresh() -> (Db, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "kyc-db-test-{}-{}",
            std::process::id(),
            crate::server::session::new_user_id().unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("kyc.db").display());
        (Db::open(&url).await.unwrap(), dir)
    }

    /// A verified event for `user`'s inquiry `inq`.
    fn event(id: &str, name: &str, at: &str, user: &str, inq: &str, status: &str) -> WebhookEvent {
        let body = serde_json::json!({"data": {"type": "event", "id": id, "attributes": {
            "name": name, "created-at": at,
            "payload": {"data": {"type": "inquiry", "id": inq,
                "attributes": {"status": status, "reference-id": user}}}}}})
        .to_string();
        let secret = Secret::new("wbhsec_test");
        let now = SystemTime::now();
        let t = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let header = sign(&secret, t, body.as_bytes());
        WebhookVerifier::new(secret)
            .verify_at(Some(&header), body.as_bytes(), now)
            .unwrap()
    }

    #[tokio::test]
    async fn events_apply_once_and_in_order() {
        let (db, dir) = fresh().await;
        let user = db
            .sign_in("Ada", "usr_0000000000000000000000000000000a")
            .await
            .unwrap();
        let u = user.id.as_str();
        let completed = event(
            "evt_1",
            "inquiry.completed",
            "2026-01-01T00:00:01Z",
            u,
            "inq_1",
            "completed",
        );
        let approved = event(
            "evt_2",
            "inquiry.approved",
            "2026-01-01T00:00:02Z",
            u,
            "inq_1",
            "approved",
        );
        assert_eq!(db.apply_event(&approved).await.unwrap(), Outcome::Applied);
        // Out of order: the older completion never overwrites the approval.
        assert_eq!(db.apply_event(&completed).await.unwrap(), Outcome::Stale);
        assert_eq!(db.apply_event(&approved).await.unwrap(), Outcome::Duplicate);
        let v = db.user(u).await.unwrap().unwrap().verification;
        assert_eq!(v.status.as_deref(), Some("approved"));
        assert_eq!(v.source, Some(Source::Webhook));
        assert_eq!(v.event.as_deref(), Some("inquiry.approved"));
        assert_eq!(v.inquiry_id.as_deref(), Some("inq_1"));
        // Same-instant events: the first applied wins, the second is stale.
        let again = event(
            "evt_3",
            "inquiry.completed",
            "2026-01-01T00:00:02Z",
            u,
            "inq_1",
            "completed",
        );
        assert_eq!(db.apply_event(&again).await.unwrap(), Outcome::Stale);
        // Unknown people and other inquiries of the person are not applied.
        let stranger = event(
            "evt_4",
            "inquiry.approved",
            "2026-01-01T00:00:03Z",
            "usr_nobody",
            "inq_9",
            "approved",
        );
        assert_eq!(
            db.apply_event(&stranger).await.unwrap(),
            Outcome::UnknownUser
        );
        let other = event(
            "evt_5",
            "inquiry.declined",
            "2026-01-01T00:00:09Z",
            u,
            "inq_2",
            "declined",
        );
        assert_eq!(db.apply_event(&other).await.unwrap(), Outcome::Stale);
        assert_eq!(
            db.user(u)
                .await
                .unwrap()
                .unwrap()
                .verification
                .status
                .as_deref(),
            Some("approved")
        );
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn an_api_read_orders_with_events() {
        let (db, dir) = fresh().await;
        let user = db
            .sign_in("Grace", "usr_0000000000000000000000000000000b")
            .await
            .unwrap();
        let u = user.id.as_str();
        // Signing in again finds the same person.
        assert_eq!(
            db.sign_in("Grace", "usr_0000000000000000000000000000000c")
                .await
                .unwrap()
                .id,
            u
        );
        db.bind_inquiry(u, "inq_1", "created").await.unwrap();
        let t = |s: &str| Timestamp::parse(s).unwrap();
        assert!(db
            .record_read(u, "inq_1", "completed", Some(&t("2026-01-01T00:00:05Z")))
            .await
            .unwrap());
        let v = db.user(u).await.unwrap().unwrap().verification;
        assert_eq!(
            (v.status.as_deref(), v.source),
            (Some("completed"), Some(Source::Api))
        );
        // An event older than the read is not applied; a newer one is.
        let started = event(
            "evt_1",
            "inquiry.started",
            "2026-01-01T00:00:01Z",
            u,
            "inq_1",
            "pending",
        );
        assert_eq!(db.apply_event(&started).await.unwrap(), Outcome::Stale);
        let approved = event(
            "evt_2",
            "inquiry.approved",
            "2026-01-01T00:00:06Z",
            u,
            "inq_1",
            "approved",
        );
        assert_eq!(db.apply_event(&approved).await.unwrap(), Outcome::Applied);
        // A read older than the newest event is not stored.
        assert!(!db
            .record_read(u, "inq_1", "completed", Some(&t("2026-01-01T00:00:05Z")))
            .await
            .unwrap());
        // A read of another inquiry than the person's is not stored either.
        assert!(!db.record_read(u, "inq_2", "declined", None).await.unwrap());
        // Binding the same inquiry again keeps its status.
        db.bind_inquiry(u, "inq_1", "pending").await.unwrap();
        let v = db.user(u).await.unwrap().unwrap().verification;
        assert_eq!(
            (v.status.as_deref(), v.source),
            (Some("approved"), Some(Source::Webhook))
        );
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn a_read_only_database_is_a_write_error() {
        let (db, dir) = fresh().await;
        db.close().await;
        let url = format!("sqlite://{}?mode=ro", dir.join("kyc.db").display());
        let options = SqliteConnectOptions::from_str(&url).unwrap();
        let pool = SqlitePoolOptions::new()
            .connect_with(options)
            .await
            .unwrap();
        let db = Db {
            write: pool.clone(),
            read: pool,
        };
        let error = db
            .sign_in("Ada", "usr_0000000000000000000000000000000d")
            .await
            .unwrap_err();
        assert!(error.write, "{error}");
        assert_eq!(KycError::from(error), KycError::DatabaseWrite);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(display_ms(1_767_323_045_678), "2026-01-02 03:04:05 UTC");
        assert_eq!(display_ms(i64::MAX), "an unknown time");
        let t = Timestamp::parse("2026-01-02T03:04:05.5Z").unwrap();
        assert_eq!(nanos(&t), 1_767_323_045_500_000_000);
    }
}
