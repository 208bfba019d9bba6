/*
 * oom_scenarios.h -- the C scenarios oom_run sweeps (oom_scenarios.c).
 */
#ifndef MP_OOM_SCENARIOS_H
#define MP_OOM_SCENARIOS_H

/* One scenario: object-level operations through the C API.  run returns
 * 0, or -1 with an exception set; it releases everything it made either
 * way. */
typedef struct {
    const char *name;
    int (*run)(void);
} oom_scenario;

/* Ends with an entry whose name is NULL. */
extern const oom_scenario oom_scenarios[];

#endif /* MP_OOM_SCENARIOS_H */
