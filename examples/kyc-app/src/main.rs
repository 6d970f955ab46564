//! The server: configuration from the environment, the database created and
//! migrated, then the app on `KYC_ADDR` (127.0.0.1:3000 unless set).
//!
//! The first line on stdout is `kyc app listening on http://ADDR`.

use std::io::Write;

use persona_kyc_app::server::{config::Config, router, AppState};

fn fail(message: &str) -> ! {
    let _ = writeln!(std::io::stderr(), "persona-kyc-app: {message}");
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let config = Config::from_env().unwrap_or_else(|e| fail(&e));
    let addr = config.addr;
    eprintln!(
        "persona-kyc-app: Persona API {}, flow host {}, template {}, database {}",
        config.api_url, config.host, config.template_id, config.database_url
    );
    let state = AppState::new(config).await.unwrap_or_else(|e| fail(&e));
    let db = state.db.clone();
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| fail(&format!("listening on {addr}: {e}")));
    let bound = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| addr.to_string());
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "kyc app listening on http://{bound}");
        let _ = out.flush();
    }
    let shutdown = async {
        let ctrl_c = tokio::signal::ctrl_c();
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = terminate.recv() => {},
        }
    };
    if let Err(error) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("persona-kyc-app: server: {error}");
    }
    db.close().await;
}
