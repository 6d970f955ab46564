//! [`Client::start_or_resume`]: one inquiry per person and template.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{retry, ApiError, Client, CreateInquiry, Inquiry, Start, Template};
use crate::InquiryStatus;

/// Options of [`Client::start_or_resume_with`].
///
/// ```
/// use leptos_persona_server::api::StartOptions;
/// let options = StartOptions::new()
///     .retry_failed(true)
///     .fields(serde_json::json!({"email-address": "jane@example.com"}));
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StartOptions {
    retry_failed: bool,
    fields: Option<Value>,
}

impl StartOptions {
    /// The defaults: a failed inquiry is final; no prefilled fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a person whose inquiries failed gets a new one (`true`), or
    /// [`Start::Finished`] with status `failed` (`false`, the default).
    /// Persona fails an inquiry when the person used up the template's
    /// attempts, so a new one is a fresh set of attempts: the app's decision.
    pub fn retry_failed(mut self, retry: bool) -> Self {
        self.retry_failed = retry;
        self
    }

    /// Fields to prefill when a new inquiry is created (a JSON object; not
    /// applied to a resumed one).
    pub fn fields(mut self, fields: Value) -> Self {
        self.fields = Some(fields);
        self
    }
}

/// What the person's inquiries call for.
#[derive(Debug, PartialEq)]
enum Decision<'a> {
    Resume(&'a Inquiry),
    Finished(&'a Inquiry),
    /// A new inquiry, the person's `previous + 1`th of the template.
    Create {
        previous: usize,
    },
}

/// The policy of [`Client::start_or_resume_with`], over the person's inquiries
/// of the template, newest first.
fn decide<'a>(inquiries: &[&'a Inquiry], retry_failed: bool) -> Decision<'a> {
    let mut expired = None;
    for inquiry in inquiries {
        match inquiry.status {
            InquiryStatus::Created | InquiryStatus::Pending => return Decision::Resume(inquiry),
            InquiryStatus::Expired => {
                expired = expired.or(Some(*inquiry));
            }
            InquiryStatus::Failed if retry_failed => {}
            // Completed, needs review, approved, declined, failed, or a status
            // this crate does not know: nothing to go on with.
            _ => {
                return match expired {
                    Some(newer) => Decision::Resume(newer),
                    None => Decision::Finished(inquiry),
                }
            }
        }
    }
    match expired {
        Some(expired) => Decision::Resume(expired),
        None => Decision::Create {
            previous: inquiries.len(),
        },
    }
}

/// The `Idempotency-Key` of the person's `previous + 1`th inquiry of
/// `template`: `start-`, 32 hex digits of a SHA-256 of the reference id and
/// the template (any reference id, as header-safe text of fixed length), `-`
/// and `previous`; `-r1` after it for the second try (`round` 1).
pub(crate) fn start_key(
    reference_id: &str,
    template: &Template,
    previous: usize,
    round: u32,
) -> String {
    let mut hash = Sha256::new();
    for part in [reference_id, template.attribute(), template.as_str()] {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    let hash = retry::hex(digest.get(..16).unwrap_or_default());
    match round {
        0 => format!("start-{hash}-{previous}"),
        round => format!("start-{hash}-{previous}-r{round}"),
    }
}

impl Client {
    /// [`start_or_resume_with`](Self::start_or_resume_with) with the default
    /// [`StartOptions`]: what to show the person your app knows as
    /// `reference_id`, for `template`.
    ///
    /// ```no_run
    /// # async fn run(client: leptos_persona_server::api::Client) -> Result<(), leptos_persona_server::api::ApiError> {
    /// use leptos_persona_server::api::{Start, Template};
    /// let start = client.start_or_resume("user-42", &Template::id("itmpl_abc")).await?;
    /// if let Start::Resume { inquiry_id, session_token, .. } = start {
    ///     // <PersonaInquiry inquiry_id=inquiry_id session_token=session_token/>
    ///     # let _ = (inquiry_id, session_token);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start_or_resume(
        &self,
        reference_id: &str,
        template: &Template,
    ) -> Result<Start, ApiError> {
        self.start_or_resume_with(reference_id, template, &StartOptions::default())
            .await
    }

    /// One inquiry per person and template: the person's unfinished inquiry
    /// resumed, or their finished one reported, or else a new one created.
    ///
    /// # Policy
    ///
    /// The person's inquiries are listed (`filter[reference-id]`, newest first
    /// as Persona lists them). Only those whose `reference-id` is
    /// `reference_id` and whose template is not another one count (an answer
    /// naming no template counts). Then:
    ///
    /// 1. Among the inquiries newer than the newest finished one, the newest
    ///    `created` or `pending` one is resumed; failing that, the newest
    ///    `expired` one (Persona's resume revives it).
    /// 2. Otherwise the newest finished one gives [`Start::Finished`] with its
    ///    status: `completed`, `needs_review`, `approved`, `declined`,
    ///    `failed`, or a status this crate does not know (never a duplicate
    ///    for a state it cannot judge). With
    ///    [`StartOptions::retry_failed`], `failed` ones are skipped instead:
    ///    a person whose inquiries all failed gets a new one.
    /// 3. With nothing to resume or report, an inquiry is created, with
    ///    `reference-id` and the options' fields, and the `Idempotency-Key`
    ///    `start-<hash of reference id and template>-<n>`, `n` the number of
    ///    the person's inquiries counted above. Two calls racing for a new
    ///    person send the same key and body, so Persona creates one inquiry
    ///    and answers both with it. The create's session token is returned,
    ///    or the new inquiry is resumed when the answer has none.
    /// 4. Should the create fail (409, 422 such as the key reused with other
    ///    fields, a 5xx or no answer, after the client's retries), the
    ///    inquiries are listed once more and the policy applied again: an
    ///    inquiry the failed create made after all, or a racing call's, is
    ///    resumed; otherwise the create is sent with the key's second
    ///    generation, `start-…-<n>-r1` (Persona replays a stored 5xx to the
    ///    first key for good). Racing calls that failed alike agree on it too.
    ///    A second failure is returned.
    ///
    /// A resume answered 409 (the inquiry finished in the meantime) gives
    /// [`Start::Finished`] with the status a retrieve reports.
    ///
    /// # Limits
    ///
    /// - The key protects only while Persona keeps it (its retention is not
    ///   documented); afterwards the list shows the inquiry, so `n` differs.
    /// - After a failed create, the second key is safe only if the list shows
    ///   an inquiry as soon as it is created: one the failed create made but
    ///   the list does not show yet would be followed by a second.
    /// - Two racing calls agree only if they see the same list: a person's
    ///   inquiry created elsewhere at that moment (the dashboard, another
    ///   template with the same id) can make them send different keys.
    /// - Racing calls with different [`StartOptions::fields`] send the same key
    ///   with different bodies: Persona refuses the later one (422), and the
    ///   policy then resumes the inquiry the first created.
    /// - At most [`MAX_LIST_PAGES`](super::MAX_LIST_PAGES) pages of the
    ///   person's inquiries are read.
    pub async fn start_or_resume_with(
        &self,
        reference_id: &str,
        template: &Template,
        options: &StartOptions,
    ) -> Result<Start, ApiError> {
        if reference_id.is_empty() {
            return Err(ApiError::InvalidInput {
                problem: "the reference id is empty".into(),
            });
        }
        let mut round = 0;
        loop {
            let all = self.list_inquiries(reference_id, &[]).await?;
            let mine: Vec<&Inquiry> = all
                .iter()
                .filter(|i| i.reference_id.as_deref() == Some(reference_id))
                .filter(|i| template.may_match(i))
                .collect();
            let previous = match decide(&mine, options.retry_failed) {
                Decision::Resume(inquiry) => return self.resume_for_start(inquiry).await,
                Decision::Finished(inquiry) => {
                    return Ok(Start::Finished {
                        inquiry_id: inquiry.id.clone(),
                        status: inquiry.status.clone(),
                    })
                }
                Decision::Create { previous } => previous,
            };
            let mut request = CreateInquiry::new(template.clone())
                .reference_id(reference_id)
                .idempotency_key(start_key(reference_id, template, previous, round));
            if let Some(fields) = &options.fields {
                request = request.fields(fields.clone());
            }
            match self.create_inquiry(&request).await {
                Ok(created) => {
                    let inquiry = created.inquiry;
                    return match created.session_token {
                        Some(session_token) => Ok(Start::Resume {
                            inquiry_id: inquiry.id,
                            session_token,
                            status: inquiry.status,
                        }),
                        None => self.resume_for_start(&inquiry).await,
                    };
                }
                Err(
                    ApiError::Conflict { .. }
                    | ApiError::Rejected { status: 422, .. }
                    | ApiError::Server { .. }
                    | ApiError::Transport { .. },
                ) if round == 0 => round = 1,
                Err(other) => return Err(other),
            }
        }
    }

    /// Resumes `inquiry` for [`Start::Resume`]; a 409 whose status a retrieve
    /// could tell is [`Start::Finished`].
    async fn resume_for_start(&self, inquiry: &Inquiry) -> Result<Start, ApiError> {
        match self.resume_inquiry(&inquiry.id).await {
            Ok(resumed) => Ok(Start::Resume {
                status: resumed.inquiry.map(|i| i.status).unwrap_or_else(|| {
                    match &inquiry.status {
                        // A resume revives an expired inquiry.
                        InquiryStatus::Expired => InquiryStatus::Pending,
                        other => other.clone(),
                    }
                }),
                inquiry_id: resumed.inquiry_id,
                session_token: resumed.session_token,
            }),
            Err(ApiError::InquiryFinished {
                inquiry_id,
                status: Some(status),
            }) => Ok(Start::Finished { inquiry_id, status }),
            Err(other) => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inquiry(id: &str, status: &str) -> Inquiry {
        Inquiry::from_json_api(&serde_json::json!({
            "id": id, "attributes": {"status": status, "reference-id": "u"}
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn decided(statuses: &[&str], retry_failed: bool) -> String {
        let all: Vec<Inquiry> = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| inquiry(&format!("inq_{i}"), s))
            .collect();
        let refs: Vec<&Inquiry> = all.iter().collect();
        match decide(&refs, retry_failed) {
            Decision::Resume(i) => format!("resume {}", i.id),
            Decision::Finished(i) => format!("finished {}", i.id),
            Decision::Create { previous } => format!("create {previous}"),
        }
    }

    #[test]
    fn the_policy() {
        let cases: &[(&[&str], bool, &str)] = &[
            (&[], false, "create 0"),
            (&["pending"], false, "resume inq_0"),
            (&["created", "approved"], false, "resume inq_0"),
            (&["approved", "pending"], false, "finished inq_0"),
            (&["expired"], false, "resume inq_0"),
            (&["expired", "pending"], false, "resume inq_1"),
            (&["expired", "expired"], false, "resume inq_0"),
            (&["expired", "approved"], false, "resume inq_0"),
            (&["completed"], false, "finished inq_0"),
            (&["needs_review"], false, "finished inq_0"),
            (&["declined", "pending"], false, "finished inq_0"),
            (&["failed"], false, "finished inq_0"),
            (&["failed"], true, "create 1"),
            (&["failed", "failed"], true, "create 2"),
            (&["failed", "expired"], true, "resume inq_1"),
            (&["failed", "approved"], true, "finished inq_1"),
            (&["redacted", "pending"], false, "finished inq_0"),
        ];
        for (statuses, retry_failed, expected) in cases {
            assert_eq!(
                decided(statuses, *retry_failed),
                *expected,
                "{statuses:?} (retry_failed: {retry_failed})"
            );
        }
    }

    #[test]
    fn start_keys_differ_by_person_template_and_count_and_are_header_safe() {
        let template = Template::id("itmpl_a");
        let key = start_key("user 1 ✓\n", &template, 0, 0);
        assert!(retry::valid_key(&key), "{key}");
        assert_eq!(key.len(), "start-".len() + 32 + 2);
        assert_eq!(key, start_key("user 1 ✓\n", &template, 0, 0));
        let others = [
            start_key("user 2", &template, 0, 0),
            start_key("user 1 ✓\n", &Template::id("itmpl_b"), 0, 0),
            start_key("user 1 ✓\n", &Template::version("itmpl_a"), 0, 0),
            start_key("user 1 ✓\n", &template, 1, 0),
            start_key("user 1 ✓\n", &template, 0, 1),
        ];
        for other in others {
            assert_ne!(key, other);
        }
        assert!(key.ends_with("-0"), "{key}");
        assert!(start_key("u", &template, 3, 1).ends_with("-3-r1"));
        // The parts are length-prefixed: ("ab", "c") is not ("a", "bc").
        assert_ne!(
            start_key("ab", &Template::id("c"), 0, 0),
            start_key("a", &Template::id("bc"), 0, 0)
        );
    }
}
