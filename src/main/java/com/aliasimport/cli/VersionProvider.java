package com.aliasimport.cli;

import picocli.CommandLine;

class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"alias-import " + (version == null ? "development build" : version)};
    }
}
