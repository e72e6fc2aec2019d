//! "Who can see my data, and why".

use leptos::prelude::*;

use super::*;

#[component]
pub fn PreviewPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("viewer"), q.get("situation"))
    });
    let page = Resource::new(
        move || (args.get(), locale),
        |((viewer, situation), locale)| preview_page(viewer, situation, locale),
    );
    view! {
        <PageTitle title=t.preview_title />
        <h1>{t.preview_title}</h1>
        <DataUseNav current="/data-use/preview" />
        <p class="lead">{t.preview_intro}</p>
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <PreviewResult page=p /> }.into_any(),
                    Err(e @ crate::error::AppError::BadForm(_)) => {
                        view! {
                            <ErrorSummary error=e />
                            <p>
                                <a href="/data-use/preview">{t.preview_choose}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PreviewResult(page: PreviewView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let chosen = page.viewer.clone();
    let situations = [
        ("treatment", t.situation_treatment),
        ("emergency", t.situation_emergency),
        ("handling_renewal", t.situation_handling_renewal),
        ("prescribing_cns", t.situation_prescribing_cns),
    ];
    let current = page.situation.clone();
    view! {
        <form class="filters" method="get" action="/data-use/preview" aria-label=t.preview_title>
            <div class="filters__fields">
                <div class="field">
                    <label for="preview-viewer">{t.preview_viewer}</label>
                    <select id="preview-viewer" name="viewer">
                        <option value="">{t.preview_choose}</option>
                        {page
                            .viewer_choices
                            .into_iter()
                            .map(|c| {
                                let is = chosen.as_deref() == Some(c.value.as_str());
                                view! {
                                    <option value=c.value selected=is>
                                        {c.label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t.preview_situation}</legend>
                    {situations
                        .into_iter()
                        .map(|(value, label)| {
                            let id = format!("situation-{value}");
                            view! {
                                <div class="checkbox">
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name="situation"
                                        value=value
                                        checked=current == value
                                    />
                                    <label for=id>{label}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button">
                    {t.preview_show}
                </button>
            </div>
        </form>
        {chosen
            .is_some()
            .then(|| {
                if page.rows.is_empty() {
                    view! { <p class="empty-state">{t.preview_nothing}</p> }.into_any()
                } else {
                    view! {
                        <h2>{t.preview_counts_heading}</h2>
                        <div class="table-scroll">
                            <table class="stack" data-testid="preview-counts">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.col_register}</th>
                                        <th scope="col">{t.col_visible}</th>
                                        <th scope="col">{t.col_hidden}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page
                                        .counts
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <tr>
                                                    <th scope="row" data-label=t.col_register>
                                                        {c.register}
                                                    </th>
                                                    <td data-label=t.col_visible>{c.visible}</td>
                                                    <td data-label=t.col_hidden>{c.hidden}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2>{t.preview_items_heading}</h2>
                        <div class="table-scroll">
                            <table class="stack" data-testid="preview">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.col_item}</th>
                                        <th scope="col">{t.col_date}</th>
                                        <th scope="col">{t.col_register}</th>
                                        <th scope="col">{t.col_decision}</th>
                                        <th scope="col">{t.col_reason}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page
                                        .rows
                                        .into_iter()
                                        .map(|r| {
                                            let (word, class) = if r.visible {
                                                (t.decision_visible, "badge badge--ok")
                                            } else {
                                                (t.decision_hidden, "badge badge--muted")
                                            };
                                            view! {
                                                <tr data-visible=r.visible.to_string() data-testid="preview-row">
                                                    <td data-label=t.col_item>{r.label}</td>
                                                    <td data-label=t.col_date>{locale.date(r.date)}</td>
                                                    <td data-label=t.col_register>{r.register}</td>
                                                    <td data-label=t.col_decision>
                                                        <span class=class>{word}</span>
                                                    </td>
                                                    <td data-label=t.col_reason>{r.reason}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            })}
    }
}
