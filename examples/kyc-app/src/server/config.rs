//! The configuration, from the environment only: nothing secret or
//! deployment-specific is written in the code.

use std::net::SocketAddr;

use leptos_persona::Host;
use leptos_persona_server::Secret;

/// The flow simulator's address, the default flow host (`cargo xtask ssr` runs it).
pub const SIMULATOR: &str = "http://127.0.0.1:8787";

/// Everything the app reads at start.
#[derive(Clone, Debug)]
pub struct Config {
    /// `PERSONA_API_KEY` (required).
    pub api_key: Secret,
    /// `PERSONA_WEBHOOK_SECRET` (required).
    pub webhook_secret: Secret,
    /// `PERSONA_WEBHOOK_SECRET_PREVIOUS`: while the app's secret is rotated, the
    /// one it replaces (deliveries signed with either are accepted).
    pub previous_webhook_secret: Option<Secret>,
    /// `PERSONA_TEMPLATE_ID` (required): `itmpl_…`, or a version `itmplv_…`.
    pub template_id: String,
    /// `PERSONA_API_URL`: the API's base URL, up to `/api/v1`.
    pub api_url: String,
    /// `PERSONA_HOST`: the flow's host (`production`, `sandbox`… or a URL).
    pub host: String,
    /// `PERSONA_ENVIRONMENT_ID`, if set (`env_sim_autoplay` makes the
    /// simulator's flow play itself).
    pub environment_id: Option<String>,
    /// `DATABASE_URL` (`sqlite://kyc-app.db` unless set).
    pub database_url: String,
    /// `KYC_SESSION_KEY`: the key that signs session cookies; `None`: a random
    /// key per process (everyone signs in again after a restart).
    pub session_key: Option<Secret>,
    /// `KYC_COOKIE_SECURE=1`: the session cookie is `Secure` (behind HTTPS).
    pub cookie_secure: bool,
    /// `KYC_ADDR` (or `LEPTOS_SITE_ADDR`): where to listen, `127.0.0.1:3000`
    /// unless set.
    pub addr: SocketAddr,
    /// `KYC_SITE_ROOT` (or `LEPTOS_SITE_ROOT`): the folder holding `pkg/`,
    /// the client's wasm and JavaScript.
    pub site_root: String,
}

/// Where the API is when `PERSONA_API_URL` is not set: the simulator's when
/// the flow is on a loopback host (the simulator serves both), Persona's
/// otherwise.
fn default_api_url(host: &str) -> String {
    let loopback = ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"];
    if loopback.iter().any(|prefix| host.starts_with(prefix)) {
        format!("{}/api/v1", host.trim_end_matches('/'))
    } else {
        leptos_persona_server::api::DEFAULT_BASE_URL.to_owned()
    }
}

impl Config {
    /// From the process's environment.
    pub fn from_env() -> Result<Self, String> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// From `lookup` (the environment, or a test's table). Every problem is
    /// listed, each naming its variable.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mut problems = Vec::new();
        let mut required = |name: &str, what: &str| match get(name) {
            Some(value) => value,
            None => {
                problems.push(format!("{name} is not set ({what})"));
                String::new()
            }
        };
        let api_key = required("PERSONA_API_KEY", "the key of Persona's API");
        let webhook_secret = required(
            "PERSONA_WEBHOOK_SECRET",
            "the secret of the webhook, wbhsec_…, from Persona's dashboard",
        );
        let template_id = required(
            "PERSONA_TEMPLATE_ID",
            "the inquiry template, itmpl_… or itmplv_…",
        );
        let template_id = template_id.trim().to_owned();
        let is_template = template_id.starts_with("itmpl_") || template_id.starts_with("itmplv_");
        if !template_id.is_empty() && !is_template {
            problems.push(format!(
                "PERSONA_TEMPLATE_ID {template_id:?} is not a template id (itmpl_…) or version (itmplv_…)"
            ));
        }
        let host = get("PERSONA_HOST").unwrap_or_else(|| SIMULATOR.to_owned());
        let host = host.trim().to_owned();
        if let Err(error) = host.parse::<Host>() {
            problems.push(format!("PERSONA_HOST {host:?} is not a flow host: {error}"));
        }
        let api_url = get("PERSONA_API_URL").unwrap_or_else(|| default_api_url(&host));
        let addr_text = get("KYC_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let addr = match addr_text.trim().parse::<SocketAddr>() {
            Ok(addr) => addr,
            Err(_) => {
                problems.push(format!(
                    "KYC_ADDR {addr_text:?} is not an address and port (127.0.0.1:3000)"
                ));
                SocketAddr::from(([127, 0, 0, 1], 3000))
            }
        };
        let database_url = get("DATABASE_URL").unwrap_or_else(|| "sqlite://kyc-app.db".into());
        if !database_url.starts_with("sqlite:") {
            problems.push(format!(
                "DATABASE_URL {database_url:?} is not a SQLite URL (sqlite://path/to/file.db)"
            ));
        }
        if !problems.is_empty() {
            return Err(format!(
                "the configuration is incomplete:\n  - {}\nSee examples/kyc-app/README.md.",
                problems.join("\n  - ")
            ));
        }
        Ok(Self {
            api_key: Secret::new(api_key),
            webhook_secret: Secret::new(webhook_secret),
            previous_webhook_secret: get("PERSONA_WEBHOOK_SECRET_PREVIOUS").map(Secret::new),
            template_id,
            api_url: api_url.trim().to_owned(),
            host,
            environment_id: get("PERSONA_ENVIRONMENT_ID").map(|v| v.trim().to_owned()),
            database_url,
            session_key: get("KYC_SESSION_KEY").map(Secret::new),
            cookie_secure: get("KYC_COOKIE_SECURE")
                .is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes")),
            addr,
            site_root: get("KYC_SITE_ROOT")
                .or_else(|| get("LEPTOS_SITE_ROOT"))
                .unwrap_or_else(|| "target/kyc-site".into()),
        })
    }

    /// The flow's origin, for the page's `frame-src`.
    pub fn flow_origin(&self) -> String {
        self.host
            .parse::<Host>()
            .map(|h| h.origin().to_owned())
            .unwrap_or_else(|_| "'none'".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let table: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| table.get(name).cloned())
    }

    const MINIMAL: [(&str, &str); 3] = [
        ("PERSONA_API_KEY", "persona_sandbox_1"),
        ("PERSONA_WEBHOOK_SECRET", "wbhsec_1"),
        ("PERSONA_TEMPLATE_ID", "itmpl_abc"),
    ];

    #[test]
    fn missing_required_variables_are_all_named() {
        let error = config(&[]).unwrap_err();
        for name in [
            "PERSONA_API_KEY",
            "PERSONA_WEBHOOK_SECRET",
            "PERSONA_TEMPLATE_ID",
        ] {
            assert!(error.contains(name), "{error}");
        }
        let error =
            config(&[("PERSONA_API_KEY", " "), ("PERSONA_WEBHOOK_SECRET", "s")]).unwrap_err();
        assert!(
            error.contains("PERSONA_API_KEY") && !error.contains("PERSONA_WEBHOOK_SECRET"),
            "{error}"
        );
    }

    #[test]
    fn defaults_point_at_the_simulator() {
        let c = config(&MINIMAL).unwrap();
        assert_eq!(c.host, SIMULATOR);
        assert_eq!(c.api_url, "http://127.0.0.1:8787/api/v1");
        assert_eq!(c.database_url, "sqlite://kyc-app.db");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.flow_origin(), SIMULATOR);
        assert!(c.session_key.is_none() && c.previous_webhook_secret.is_none());
        assert!(
            !format!("{c:?}").contains("wbhsec_1"),
            "secrets are redacted"
        );
    }

    #[test]
    fn a_real_flow_host_means_the_real_api() {
        let mut pairs = MINIMAL.to_vec();
        pairs.push(("PERSONA_HOST", "production"));
        let c = config(&pairs).unwrap();
        assert_eq!(c.api_url, leptos_persona_server::api::DEFAULT_BASE_URL);
        pairs.push(("PERSONA_API_URL", "http://127.0.0.1:9/api/v1"));
        assert_eq!(config(&pairs).unwrap().api_url, "http://127.0.0.1:9/api/v1");
    }

    #[test]
    fn bad_values_are_named() {
        for (name, value) in [
            ("PERSONA_TEMPLATE_ID", "abc"),
            ("PERSONA_HOST", "ftp://x"),
            ("KYC_ADDR", "here"),
            ("DATABASE_URL", "postgres://x"),
        ] {
            let mut pairs = MINIMAL.to_vec();
            pairs.push((name, value));
            let error = config(&pairs).unwrap_err();
            assert!(error.contains(name), "{name}: {error}");
        }
    }
}
