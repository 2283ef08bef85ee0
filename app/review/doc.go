// Package review is the expert review between the store and the web pages:
// it builds the pool snapshot and runs the random draw (app/draw) inside a
// transaction, checks a recorded draw by re-running it, picks who takes over
// after a declared conflict (回避), and computes the 畸高/畸低 flags of a
// dossier with the scoring engine once its panel has signed. It uses the
// store but knows nothing of HTTP, so the web handlers and the demo loader
// share it.
package review
