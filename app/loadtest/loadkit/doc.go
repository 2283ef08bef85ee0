// Package loadkit is the machinery the load harness (app/loadtest) and the
// crash test (app/crashtest) share: it seeds a competition in review through
// the store (the default rubric, dossiers entered in the first stage, a
// drawn panel and assignments for N experts), runs the chainjudge server as
// a child process or in-process, drives experts over real HTTP the way the
// score sheet's page and its autosave script do, records every save the
// server acknowledged, and checks the database against that record
// afterwards: every acknowledged save present, every version of every sheet
// a complete save that was sent, the audit chain intact.
package loadkit
