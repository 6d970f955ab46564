//! A live measurement of the inline iframe's height (what the page really shows).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A live observer and the callback it calls (kept alive as long as the observer).
type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

/// The height in CSS px of the first `<iframe>` inside `container`, kept current
/// with a `ResizeObserver` on the container (which is exactly as tall as the frame).
/// `None` while there is no iframe (for example when the options are invalid).
pub fn use_iframe_height(container: NodeRef<html::Div>) -> ReadSignal<Option<f64>> {
    let height = RwSignal::new(None::<f64>);
    let observer: StoredValue<Option<Observer>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(element) = container.get() else {
            return;
        };
        if observer.with_value(Option::is_some) {
            return;
        }
        let target: web_sys::Element = element.into();
        let measure = move || {
            let frame = target.query_selector("iframe").ok().flatten();
            let value = frame.map(|f| f.get_bounding_client_rect().height().round());
            if height.try_get_untracked() != Some(value) {
                height.try_set(value);
            }
        };
        measure();
        let callback = Closure::<dyn FnMut()>::new(measure);
        if let Ok(resize) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            if let Some(element) = container.get_untracked() {
                resize.observe(&element);
            }
            observer.set_value(Some((resize, callback)));
        }
    });
    on_cleanup(move || {
        if let Some((resize, _callback)) = observer.try_update_value(Option::take).flatten() {
            resize.disconnect();
        }
    });
    height.read_only()
}
