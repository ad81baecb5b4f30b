"""The academy's pages, one module per subject: `selection` (the board, a candidate's steps, the
programme's settings), `buddies` (a buddy's page for their coordinator), `academie` (sessions,
enrolment, attendance), `support` (a buddy's own check-in, break and certificate) and
`buildings` (Buddy Building meetings).
"""
