/*!
   The Plotters HTML5 Canvas backend.

   This backend allows Plotters operates the HTML5 Canvas when targeted to Webassembly.

   See the documentation for [CanvasBackend](struct.CanvasBackend.html) for more details.
*/
// park-infographic: upstream code (patched only in canvas.rs, see there); its warnings
// (web-sys setters deprecated since 0.3.1) are not ours to fix, so builds stay quiet.
#![allow(warnings)]
mod canvas;

pub use canvas::CanvasBackend;
