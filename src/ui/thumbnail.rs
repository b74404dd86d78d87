use crate::model::Image;
use leptos::prelude::*;

/// Reserved size of a list thumbnail (16:9). CSS scales it; these keep the space from jumping.
pub const THUMB_WIDTH: u32 = 320;
pub const THUMB_HEIGHT: u32 = 180;
/// Reserved size of the large image on a detail card (16:9).
pub const LARGE_WIDTH: u32 = 960;
pub const LARGE_HEIGHT: u32 = 540;

/// An entry's image in a box whose size is reserved before the image loads. When the image is
/// missing or fails to load, a placeholder carrying the alt text takes its place.
#[component]
pub fn Thumbnail(
    /// The image, if the entry has one.
    image: Option<Image>,
    /// Reserved width in CSS pixels (the `width` attribute).
    #[prop(default = THUMB_WIDTH)]
    width: u32,
    /// Reserved height in CSS pixels (the `height` attribute).
    #[prop(default = THUMB_HEIGHT)]
    height: u32,
    /// Load only when scrolled near (true in the list, false on a card).
    #[prop(default = true)]
    lazy: bool,
) -> impl IntoView {
    let (failed, set_failed) = signal(image.is_none());
    let alt = image.as_ref().map(|i| String::from(&i.alt)).unwrap_or_default();
    let src = image.map(|i| String::from(&i.src)).unwrap_or_default();
    let loading = if lazy { "lazy" } else { "eager" };
    view! {
        <div class="dl-thumb" part="thumbnail">
            {move || {
                if failed.get() {
                    view! { <ImagePlaceholder alt=alt.clone()/> }.into_any()
                } else {
                    view! {
                        <img
                            class="dl-thumb-img"
                            src=src.clone()
                            alt=alt.clone()
                            width=width
                            height=height
                            loading=loading
                            decoding="async"
                            on:error=move |_| set_failed.set(true)
                        />
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// What shows instead of an image that could not load: a tinted box with the alt text.
/// With no alt text it is decorative and hidden from assistive technology.
#[component]
pub fn ImagePlaceholder(
    /// The image's alternative text; empty for a decorative image.
    alt: String,
) -> impl IntoView {
    if alt.is_empty() {
        view! { <div class="dl-thumb-placeholder" aria-hidden="true"></div> }.into_any()
    } else {
        let label = alt.clone();
        view! {
            <div class="dl-thumb-placeholder" role="img" aria-label=label>
                <span class="dl-thumb-alt" aria-hidden="true">{alt}</span>
            </div>
        }
        .into_any()
    }
}
