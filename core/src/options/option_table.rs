//! The SDK's options, one row each: the only place an option is written.
//!
//! A row is `doc, rust_name "sdkKey": Type => [query rule]` (the field is an
//! `Option<Type>`, or the `Type` itself for a row marked `bare`), in the order the
//! official SDK's `setupIframe` writes the widget URL's query. From the rows
//! come [`InquiryOptions`](crate::InquiryOptions)' fields (with their docs
//! and their JSON keys, so `from_json`), the query's order and empty-value
//! rules, [`InquiryOptions::SDK_KEYS`](crate::InquiryOptions::SDK_KEYS) (the
//! fuzzer's key list), and, in `leptos-persona`, the component's prop, its doc
//! and its overlay onto the options. Nothing derived from a row is written by
//! hand, so an option cannot be half added.
//!
//! The query rules:
//! - `[kept "key"]`: the value as given (the SDK's `value`, so `""` is sent);
//! - `[non_empty "key"]`: dropped when empty (the SDK's `value || null`);
//! - `[with encoder]`: a hand-written arm, `fn(&mut QueryString, &OptionSupport,
//!   &InquiryOptions) -> Result<(), ConfigError>`, for the template-id split,
//!   the lists, the objects and the paddings, which go through their
//!   [`OptionSupport`](crate::OptionSupport);
//! - `[frame]`: not in the query; the iframe's attributes or the host.
//!
//! `page "key" field` rows are the query's parameters that come from where
//! the flow is mounted rather than from an option. A row may end with
//! `at mount` (the component reads it once, when it mounts) or `prop Type`
//! (the component's prop holds that type, which converts into the field's).

/// The table itself: calls `$then!` with `[args]` and every row. `leptos-persona` calls it
/// to make the component's props; the core to make [`InquiryOptions`].
///
/// Not a stable API: the rows' syntax may change in any release.
#[doc(hidden)]
#[macro_export]
macro_rules! sdk_option_table {
    ($then:ident $(, $arg:tt)*) => {
        $then! {
            [$($arg)*]
            page "client-version" client_version;
            page "container-id" container_id;
            page "flow-type" flow_type;
            /// A country code that routes the flow's first request straight to that region.
            routing_country "routingCountry": String => [kept "routing-country"];
            /// The inquiry template to start a new inquiry from (`itmpl_…`, or a
            /// legacy `tmpl_…`). Set this, `template_version_id` or `inquiry_id`.
            template_id "templateId": String => [with template_ids];
            /// Pins the flow to one template version (`itmplv_…`), for example to
            /// test a draft.
            template_version_id "templateVersionId": String
                => [non_empty "inquiry-template-version-id"];
            /// `"sandbox"` or `"production"`: Persona's deprecated predecessor of
            /// `environment_id`; prefer that.
            environment "environment": $crate::Environment => [kept "environment"];
            /// The Persona environment (`env_…`); without it Persona uses the
            /// organization's first production environment. Use it for sandbox testing.
            environment_id "environmentId": String => [kept "environment-id"];
            page "iframe-origin" page_origin;
            /// The origins of every frame above the page, when the page is itself
            /// framed (Persona's `frame-ancestors`).
            frame_ancestors "frameAncestors": Vec<String> => [with frame_ancestors];
            /// The origin the flow should post its messages to, when it differs from
            /// the page's own (a page framed by another origin).
            message_target_origin "messageTargetOrigin": String
                => [non_empty "message-target-origin"] prop $crate::MessageTargetOrigin;
            /// An existing inquiry to resume (`inq_…`), instead of a template.
            inquiry_id "inquiryId": String => [non_empty "inquiry-id"];
            /// The flow's language (`"fr"`, `"es-MX"`); default: the browser's.
            language "language": String => [kept "language"];
            /// The session token that lets a pending `inquiry_id` be resumed (from
            /// `on_cancel`, or created on the server).
            session_token "sessionToken": String => [kept "session-token"];
            /// A cross-organization data-sharing consent token (`cnst_…`).
            share_token "shareToken": String => [non_empty "share-token"];
            /// How shared data maps onto this inquiry's fields (with `share_token`).
            field_mappings "fieldMappings": Vec<$crate::FieldMapping>
                => [with field_mappings];
            /// Your own id for the user (for example your database id): links
            /// inquiries to an account in Persona. Not with `account_id`.
            reference_id "referenceId": String => [kept "reference-id"];
            /// An existing Persona account (`act_…`) to attach the inquiry to. Not
            /// with `reference_id` or `account_type_id`.
            account_id "accountId": String => [kept "account-id"];
            /// The account type for an account Persona creates for this inquiry.
            account_type_id "accountTypeId": String => [kept "account-type-id"];
            /// Prefilled inquiry fields, keyed as the SDK spells them (`nameFirst`
            /// is sent as `name-first`).
            fields "fields": $crate::__private::Map<String, $crate::__private::Value>
                => [with fields];
            /// A theme variant such as `"base"` or `"dark"`.
            style_variant "styleVariant": String => [non_empty "style-variant"];
            /// A theme set to style the flow with (a Persona preview feature).
            theme_set_id "themeSetId": String => [kept "theme-set-id"];
            /// Padding around the inline flow, in pixels per side.
            widget_padding "widgetPadding": $crate::Padding => [with widget_padding];
            /// Padding of the inline flow's navigation bar, in pixels per side.
            navigation_padding "navigationPadding": $crate::Padding
                => [with navigation_padding];
            /// Persona's behaviour during a server outage: `"always"`, `"never"` or
            /// `"defer"`.
            server_outage_mode "serverOutageMode": $crate::ServerOutageMode
                => [kept "server-outage-mode"];
            /// The iframe's maximum height: pixels (`650`) or one CSS length (`"80vh"`).
            frame_height "frameHeight": $crate::CssSize => [frame];
            /// The iframe's maximum width: pixels (`600`) or one CSS length (Persona
            /// allows at most 768px).
            frame_width "frameWidth": $crate::CssSize => [frame];
            /// Extra iframe sandbox tokens, replacing the default `allow-forms
            /// allow-modals allow-top-navigation-by-user-activation`; the flow's own
            /// `allow-scripts allow-same-origin allow-popups` are always present.
            /// Fixed at mount (a live iframe's sandbox cannot change).
            sandbox_attributes "sandboxAttributes": Vec<String> => [frame] at mount;
            /// The iframe's accessible title, also the modal's accessible name
            /// (default "Verify your identity"): translate it with the page.
            iframe_title "iframeTitle": String => [frame];
            /// Where the flow is loaded from: `"production"` (default), `"staging"`,
            /// `"canary"`, `"development"`, a custom domain, or a loopback origin such
            /// as the bundled simulator's. Never take it from untrusted input: the
            /// flow gets camera and microphone access.
            host "host": $crate::Host => [frame];
            /// The official `Client`'s spelling of a custom host; wins over `host`.
            custom_host "customHost": $crate::Host => [frame];
            /// Which events reach `on_event`: the SDK's default list, `"all"`, or a
            /// list of event names. Applies without a restart.
            bare events_allowlist "eventsAllowlist": $crate::EventsAllowlist => [frame];
        }
    };
}

/// Makes [`InquiryOptions`](crate::InquiryOptions), its query and its key
/// list from the table's rows (a muncher: `page` rows go to the query only).
macro_rules! inquiry_options {
    // Every row read: emit.
    (@rows [$($field:tt)*] [$($query:tt)*] [$($key:literal)*]) => {
        inquiry_options!(@emit [$($field)*] [$($query)*] [$($key)*]);
    };
    (@rows [$($field:tt)*] [$($query:tt)*] [$($key:literal)*]
        page $name:literal $part:ident; $($rest:tt)*) => {
        inquiry_options!(@rows [$($field)*] [$($query)* (page $name $part)] [$($key)*] $($rest)*);
    };
    (@rows [$($field:tt)*] [$($query:tt)*] [$($key:literal)*]
        $(#[$doc:meta])* bare $name:ident $sdk:literal : $ty:ty => [$($rule:tt)*]; $($rest:tt)*) => {
        inquiry_options!(@rows
            [$($field)* ($(#[$doc])* $name $sdk $ty)]
            [$($query)* (option $name $($rule)*)]
            [$($key)* $sdk]
            $($rest)*);
    };
    (@rows [$($field:tt)*] [$($query:tt)*] [$($key:literal)*]
        $(#[$doc:meta])* $name:ident $sdk:literal : $ty:ty => [$($rule:tt)*]
        $(at mount)? $(prop $prop:ty)?; $($rest:tt)*) => {
        inquiry_options!(@rows
            [$($field)* ($(#[$doc])* $name $sdk Option<$ty>)]
            [$($query)* (option $name $($rule)*)]
            [$($key)* $sdk]
            $($rest)*);
    };
    (@emit [$(($(#[$doc:meta])* $name:ident $sdk:literal $ty:ty))*]
        [$(($($query:tt)*))*] [$($key:literal)*]) => {
        /// The parameters of one inquiry flow.
        ///
        /// Field for field the official SDK's `InquiryOptions` (its callbacks
        /// become the component's props instead). Build it in Rust:
        ///
        /// ```
        /// use leptos_persona_core::InquiryOptions;
        ///
        /// let options = InquiryOptions {
        ///     reference_id: Some("user_42".into()),
        ///     language: Some("fr".into()),
        ///     ..InquiryOptions::template("itmpl_Ygs16MKTkA6obnF8C3Rb17dm")
        /// }
        /// .with_field("nameFirst", "Jane");
        /// assert!(options.validate().is_ok());
        /// ```
        ///
        /// or move an existing JavaScript configuration over unchanged, in the
        /// SDK's camelCase JSON shape:
        ///
        /// ```
        /// use leptos_persona_core::InquiryOptions;
        ///
        /// let options = InquiryOptions::from_json(r#"{
        ///     "templateId": "itmpl_Ygs16MKTkA6obnF8C3Rb17dm",
        ///     "environmentId": "env_abc",
        ///     "fields": { "nameFirst": "Jane" },
        ///     "frameHeight": 650
        /// }"#).unwrap();
        /// assert_eq!(options.environment_id.as_deref(), Some("env_abc"));
        /// ```
        ///
        /// Unknown keys are refused (a misspelt `templateID` is an error, not a
        /// silently ignored option), and so is a value of the wrong type.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct InquiryOptions {
            $(
                $(#[$doc])*
                #[serde(rename = $sdk, skip_serializing_if = "crate::options::option_table::Unset::unset")]
                pub $name: $ty,
            )*
        }

        impl InquiryOptions {
            /// Every option's key in the SDK's camelCase JSON (what
            /// [`from_json`](Self::from_json) takes), in the query's order.
            pub const SDK_KEYS: &'static [&'static str] = &[$($key),*];
        }

        /// The widget URL's query, in the SDK's order.
        pub(crate) fn query(
            builtins: &dyn $crate::JsBuiltins,
            support: &$crate::OptionSupport,
            options: &InquiryOptions,
            page: &$crate::options::option_table::Page<'_>,
        ) -> Result<String, $crate::ConfigError> {
            let mut qs = $crate::url::query_string::QueryString::new(builtins);
            $( inquiry_options!(@query qs support options page $($query)*); )*
            Ok(qs.finish())
        }
    };
    (@query $qs:ident $support:ident $options:ident $page:ident page $key:literal $part:ident) => {
        $qs.push_str($key, Some($page.$part));
    };
    (@query $qs:ident $support:ident $options:ident $page:ident option $name:ident kept $key:literal) => {
        $qs.push_str($key, $options.$name.as_ref().map($crate::options::option_table::Wire::wire));
    };
    (@query $qs:ident $support:ident $options:ident $page:ident
        option $name:ident non_empty $key:literal) => {
        $qs.push_str(
            $key,
            $options.$name.as_deref().filter(|value| !value.is_empty()),
        );
    };
    (@query $qs:ident $support:ident $options:ident $page:ident option $name:ident with $encode:ident) => {
        $crate::url::query_arms::$encode(&mut $qs, $support, $options)?;
    };
    (@query $qs:ident $support:ident $options:ident $page:ident option $name:ident frame) => {};
    ([] $($rows:tt)*) => {
        inquiry_options!(@rows [] [] [] $($rows)*);
    };
}

pub(crate) use inquiry_options;

/// Where the flow is mounted: the query's `page` rows.
pub(crate) struct Page<'a> {
    pub(crate) client_version: &'a str,
    pub(crate) container_id: &'a str,
    pub(crate) flow_type: &'a str,
    pub(crate) page_origin: &'a str,
}

/// A `kept` option's text in the query.
pub(crate) trait Wire {
    fn wire(&self) -> &str;
}

impl Wire for String {
    fn wire(&self) -> &str {
        self
    }
}

impl Wire for crate::Environment {
    fn wire(&self) -> &str {
        self.as_str()
    }
}

impl Wire for crate::ServerOutageMode {
    fn wire(&self) -> &str {
        self.as_str()
    }
}

/// Whether a field is left out of the options' JSON: unset.
pub(crate) trait Unset {
    fn unset(&self) -> bool;
}

impl<T> Unset for Option<T> {
    fn unset(&self) -> bool {
        self.is_none()
    }
}

impl Unset for crate::EventsAllowlist {
    fn unset(&self) -> bool {
        *self == Self::Default
    }
}
