// One small stylesheet for every public page: system fonts, no external
// requests (a font or image from elsewhere would tell a third party who opened
// the survey), large touch targets, visible focus. The 0–10 scale is one row
// where 11 buttons of 2.75rem fit; narrower, it is two full-width rows, 0–5
// and 6–10, so 0 and 10 stay at the ends under which their labels stand.
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2933;background:#f4f6f8}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}
h1{font-size:1.3rem;margin:0 0 1rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{padding:0;margin-bottom:.75rem}
.scale{display:flex;flex-wrap:wrap;gap:.35rem}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale label{flex:1 1 0;display:flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;border:1px solid #9aa5b1;border-radius:6px;cursor:pointer;font-weight:600}
@media (max-width:37rem){
main{margin:0 auto;padding:1.25rem 1rem;border-radius:0}
.scale-11 label{min-width:0;flex:1 0 calc((100% - 5*.35rem)/6 - 1px)}
.scale-11 label:nth-of-type(n+7){flex-basis:calc((100% - 4*.35rem)/5 - 1px)}
}
.scale input:checked+label{background:#1f2933;border-color:#1f2933;color:#fff}
.scale input:focus-visible+label{outline:3px solid #2563eb;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#52606d;margin:.5rem 0 0}
label.prompt{display:block;font-weight:600;margin-bottom:.5rem}
textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #9aa5b1;border-radius:6px}
button{margin-top:1rem;font:inherit;font-weight:600;padding:.65rem 1.5rem;border:0;border-radius:6px;background:#1f2933;color:#fff;cursor:pointer}
button:focus-visible,textarea:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.status{min-height:1.5rem;color:#145a32}
.error{color:#7a1b13}
main:has(.kiosk),main:has(.thanks:not([hidden])){max-width:64rem}
.kiosk h1{font-size:2rem}
.kiosk .scale{gap:.6rem}
.kiosk .scale label{min-height:5.5rem;font-size:2rem}
.kiosk .ends{font-size:1.1rem}
.kiosk button{font-size:1.5rem;padding:1rem 3rem}
.thanks{text-align:center;padding:4rem 1rem}
.thanks h1{font-size:2.5rem}
`;
