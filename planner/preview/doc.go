// Package preview draws the messages of a finished plan as LINE's apps
// show them: one self-contained HTML page (Render), for `lineup preview`
// and for the pictures of a pull request. It renders and decides
// nothing: it takes the plan document of package plandoc (each change's
// payload, the exact request body apply sends) and the reply rules, and
// draws every change apply would send (action send or unresolved) in a
// phone-width chat, with what a reviewer needs beside the picture: the
// address and action, the recipients and estimated messages, each
// message's altText, a numbered badge on every tappable element with a
// legend of where it leads, flagged links, and warnings where older LINE
// apps draw a message differently.
//
// Flex layout follows LINE's "Flex Message layout" page
// (https://developers.line.biz/en/docs/messaging-api/flex-message-layout/)
// and the message objects of the Messaging API reference
// (https://developers.line.biz/en/reference/messaging-api/#message-objects).
// LINE publishes no pixel values; the ones here (keywords, bubble
// widths, block padding, button heights) are those of LINE's own web
// renderer, checked against the Flex Message Simulator
// (https://developers.line.biz/flex-simulator/).
//
// The page is data, never markup: every string from the configuration
// is HTML-escaped (the page by html/template, the drawings by the same
// escaping without reflection), every CSS value is built here
// from numbers, keywords and colours that were checked, images are CSS
// backgrounds over a placeholder that names their URL (so an image that
// fails to load leaves the placeholder), the page has no JavaScript, and
// its Content-Security-Policy lets it load images only.
package preview
