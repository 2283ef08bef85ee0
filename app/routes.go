package app

import "chainjudge/app/store"

// routes is the one route table. Every route sits in a group whose
// middleware states who may call it; the permission matrix test walks this
// table.
func (s *Server) routes() {
	e := s.echo

	// Public: no login.
	e.GET("/healthz", s.handleHealthz)
	e.GET("/", s.handleHome)
	e.GET("/help", s.handleHelp)
	e.GET("/login", s.handleLoginPage)
	e.POST("/login", s.handleLogin)
	e.POST("/logout", s.handleLogout)

	// Any logged-in user.
	account := e.Group("/account", s.requireRole())
	account.GET("/password", s.handlePasswordPage)
	account.POST("/password", s.handlePasswordChange)
	resume := e.Group("/resume", s.requireRole())
	resume.GET("", s.handleResumePage)
	resume.POST("/discard", s.handleResumeDiscard)

	// The office.
	office := e.Group("/office", s.requireRole(store.RoleOffice))
	office.GET("", s.handleOfficeHome)
	office.GET("/users", s.handleUsersList)
	office.GET("/users/new", s.handleUserNewPage)
	office.POST("/users", s.handleUserCreate)
	office.GET("/users/:id", s.handleUserEditPage)
	office.POST("/users/:id", s.handleUserUpdate)
	office.POST("/users/:id/reset", s.handleUserReset)
	office.GET("/users/import", s.handleUsersImportPage)
	office.POST("/users/import", s.handleUsersImport)
	office.GET("/experts", s.handleExpertsList)
	office.GET("/experts/:id", s.handleExpertEditPage)
	office.POST("/experts/:id", s.handleExpertUpdate)
	office.GET("/regions", s.handleRegionsList)
	office.POST("/regions", s.handleRegionSave)
	office.GET("/chains", s.handleChainsList)
	office.POST("/chains", s.handleChainSave)
	office.POST("/chains/import", s.handleChainsImport)
	office.POST("/clusters", s.handleClusterSave)
	office.GET("/competitions", s.handleCompetitionsList)
	office.GET("/competitions/new", s.handleCompetitionNewPage)
	office.POST("/competitions", s.handleCompetitionCreate)
	office.GET("/competitions/:id", s.handleCompetitionShow)
	office.POST("/competitions/:id", s.handleCompetitionUpdate)
	office.GET("/competitions/:id/rubric", s.handleRubricPage)
	office.GET("/competitions/:id/rubric.yaml", s.handleRubricDownload)
	office.POST("/competitions/:id/rubric/upload", s.handleRubricUpload)
	office.POST("/competitions/:id/rubric/form", s.handleRubricFormSave)
	office.POST("/competitions/:id/rubric/default", s.handleRubricReset)
	office.POST("/stages/:id/times", s.handleStageTimes)
	office.POST("/stages/:id/open", s.handleStageOpen)
	office.POST("/stages/:id/close", s.handleStageClose)
	office.GET("/audit", s.handleAuditList)
	office.GET("/panels", s.handlePanelsOverview)
	office.GET("/stages/:id/panels", s.handlePanelStage)
	office.POST("/stages/:id/panels", s.handlePanelDraw)
	office.GET("/panels/:id", s.handlePanelShow)
	office.GET("/panels/:id/record.json", s.handlePanelRecord)
	office.POST("/panels/:id/verify", s.handlePanelVerify)
	office.POST("/panels/:id/unseal", s.handlePanelUnseal)
	office.POST("/panels/:id/void", s.handlePanelVoid)
	office.GET("/stages/:id/progress", s.handleProgress)
	office.POST("/sheets/:id/reopen", s.handleSheetReopen)

	// Applicants.
	applicant := e.Group("/applicant", s.requireRole(store.RoleApplicant))
	applicant.GET("", s.handleApplicantHome)

	// Experts.
	expert := e.Group("/expert", s.requireRole(store.RoleExpert))
	expert.GET("", s.handleExpertHome)
	expert.GET("/stages/:stage/dossiers/:dossier", s.handleSheetShow)
	expert.POST("/stages/:stage/dossiers/:dossier/draft", s.handleSheetDraft)
	expert.POST("/stages/:stage/dossiers/:dossier/submit", s.handleSheetSubmit)
	expert.GET("/stages/:stage/dossiers/:dossier/sign", s.handleSignPage)
	expert.POST("/stages/:stage/dossiers/:dossier/sign", s.handleSign)
	expert.POST("/stages/:stage/dossiers/:dossier/recuse", s.handleSheetRecuse)
	expert.POST("/stages/:stage/dossiers/:dossier/flags/:flag/justify", s.handleFlagJustify)
	expert.POST("/stages/:stage/dossiers/:dossier/flags/:flag/revise", s.handleFlagRevise)
}
