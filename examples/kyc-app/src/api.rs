//! The server functions the page calls. None of them takes a user or inquiry
//! id from the page: the person is the session cookie's, and their inquiry is
//! the one the database binds to them.

use leptos::prelude::*;

use crate::model::{Account, KycError, Started};

#[cfg(feature = "ssr")]
use crate::server::{db_error, persona_error, set_session, signed_in, state, store_read};

/// The signed-in person and their verification; `None` when signed out.
#[server(endpoint = "account")]
pub async fn get_account() -> Result<Option<Account>, KycError> {
    let state = state()?;
    match signed_in(&state).await {
        Ok(user) => Ok(Some(Account {
            name: user.name,
            verification: user.verification,
        })),
        Err(KycError::NotSignedIn) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Signs in as `name` (a new person on first sign-in): sets the session cookie.
#[server(endpoint = "sign_in")]
pub async fn sign_in(name: String) -> Result<(), KycError> {
    let state = state()?;
    let name = crate::model::check_name(&name)?;
    let new_id = crate::server::session::new_user_id().map_err(KycError::Request)?;
    let user = state.db.sign_in(&name, &new_id).await.map_err(db_error)?;
    set_session(&state, Some(&user.id));
    Ok(())
}

/// Signs out: clears the session cookie.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), KycError> {
    let state = state()?;
    set_session(&state, None);
    Ok(())
}

/// "Verify my identity": the signed-in person's inquiry, resumed, or a new
/// one (never a second while one is open), through `start_or_resume` with
/// their id as the reference id. Stores the inquiry against them.
#[server(endpoint = "start_verification")]
pub async fn start_verification() -> Result<Started, KycError> {
    use leptos_persona_server::api::{Start, Template};

    let state = state()?;
    let user = signed_in(&state).await?;
    let template_id = state.config.template_id.clone();
    let template = if template_id.starts_with("itmplv_") {
        Template::version(template_id)
    } else {
        Template::id(template_id)
    };
    let start = state
        .persona
        .start_or_resume(&user.id, &template)
        .await
        .map_err(persona_error)?;
    match start {
        Start::Resume {
            inquiry_id,
            session_token,
            status,
        } => {
            state
                .db
                .bind_inquiry(&user.id, &inquiry_id, status.as_str())
                .await
                .map_err(db_error)?;
            Ok(Started::Flow {
                inquiry_id,
                session_token,
                host: state.config.host.clone(),
                environment_id: state.config.environment_id.clone(),
            })
        }
        Start::Finished { inquiry_id, status } => {
            state
                .db
                .bind_inquiry(&user.id, &inquiry_id, status.as_str())
                .await
                .map_err(db_error)?;
            // The finished status, stored in order with the events.
            if let Ok(inquiry) = state.persona.retrieve_inquiry(&inquiry_id).await {
                store_read(&state, &user.id, &inquiry).await?;
            }
            Ok(Started::Finished {
                status: status.as_str().to_owned(),
            })
        }
    }
}

/// Reads the signed-in person's inquiry from Persona's API and stores its
/// status (unless a newer webhook event was stored already); what the flow's
/// `on_complete` and `on_cancel` call, and "Check my status".
#[server(endpoint = "refresh_verification")]
pub async fn refresh_verification() -> Result<Account, KycError> {
    let state = state()?;
    let user = signed_in(&state).await?;
    let inquiry_id = user
        .verification
        .inquiry_id
        .clone()
        .ok_or(KycError::NoInquiry)?;
    let inquiry = state
        .persona
        .retrieve_inquiry(&inquiry_id)
        .await
        .map_err(persona_error)?;
    if inquiry
        .reference_id
        .as_deref()
        .is_some_and(|reference| reference != user.id)
    {
        eprintln!(
            "kyc-app: inquiry {inquiry_id} belongs to another reference id than {}",
            user.id
        );
        return Err(KycError::PersonaRefused("another person's inquiry".into()));
    }
    store_read(&state, &user.id, &inquiry).await?;
    let user = signed_in(&state).await?;
    Ok(Account {
        name: user.name,
        verification: user.verification,
    })
}
