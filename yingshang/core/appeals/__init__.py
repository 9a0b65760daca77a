"""Appeals (诉求): the framework-free rules. `workflow` the states and transitions, `clocks` the
working-day clocks (acceptance, handling, suspension, extension, return visit, 差评 rectification,
escalation), `ratings` the five rating levels, `masking` how phone and ID numbers are shown."""
