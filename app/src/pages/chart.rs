//! A quantity over time as SVG drawn on the server from
//! `domain::laboratory::chart` (no script, no chart library): the
//! reference range or target as a band, the values outside it marked by
//! shape as well as colour. A table beside it on its page holds every
//! value in text and is its text alternative.

use leptos::prelude::*;

use super::use_locale;
use crate::domain::laboratory::{polyline, Chart, RangePosition};

/// One chart; `id` makes its title's and description's ids unique on the
/// page (and is its test id).
#[component]
pub fn TimeChart(id: &'static str, title: String, description: String, chart: Chart) -> impl IntoView {
    let locale = use_locale();
    let c = chart;
    let line = polyline(&c);
    let (left, _, right, bottom) = c.plot;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="lab-chart">
            <svg viewBox=format!("0 0 {} {}", c.width, c.height) role="img" aria-labelledby=labelled_by data-testid=id>
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {c
                    .band
                    .map(|(y1, y2)| {
                        view! { <rect class="lab-chart__band" x=left y=y1 width=right - left height=y2 - y1 /> }
                    })}
                {c
                    .y_ticks
                    .iter()
                    .map(|(y, v)| {
                        view! {
                            <line class="lab-chart__grid" x1=left x2=right y1=*y y2=*y />
                            <text class="lab-chart__label" x=left - 6.0 y=*y + 4.0 text-anchor="end">
                                {locale.number(*v)}
                            </text>
                        }
                    })
                    .collect_view()}
                {c
                    .x_ticks
                    .iter()
                    .map(|(x, year)| {
                        view! {
                            <line class="lab-chart__tick" x1=*x x2=*x y1=bottom y2=bottom + 5.0 />
                            <text class="lab-chart__label" x=*x y=bottom + 18.0 text-anchor="middle">
                                {*year}
                            </text>
                        }
                    })
                    .collect_view()}
                <line class="lab-chart__axis" x1=left x2=right y1=bottom y2=bottom />
                <polyline class="lab-chart__line" points=line />
                {c
                    .points
                    .iter()
                    .map(|p| {
                        if p.position == RangePosition::Within {
                            view! { <circle class="lab-chart__point" cx=p.x cy=p.y r="3" /> }.into_any()
                        } else {
                            let d = format!("M{:.1} {:.1}l5 5l-5 5l-5 -5z", p.x, p.y - 5.0);
                            // Outside the range: a larger diamond, not only another colour.
                            view! { <path class="lab-chart__point lab-chart__point--outside" d=d /> }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}
