package com.aliasimport.cli;

import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunStore;

/** Resolves {@code --run ID|last} to a run, or says in one line why it cannot. */
final class RunSelector {

    private RunSelector() {}

    static ImportRun select(RunStore runs, String option) {
        if (option == null || option.equalsIgnoreCase("last")) {
            return runs.recent(1).stream()
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no runs yet; import a file first"));
        }
        long id;
        try {
            id = Long.parseLong(option.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--run takes a run id or 'last', not '" + option + "'");
        }
        return runs.find(id).orElseThrow(() -> new UsageException("no run " + id + "; see 'alias-import history'"));
    }
}
