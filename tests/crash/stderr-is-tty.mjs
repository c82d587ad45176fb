// Test seam for the crash tests, loaded with `node --import`: the import CLI prints its progress
// ("write: 4000 rows") only to a terminal; this makes it print to the test's pipe as well, so the
// test can kill it in the middle of the commit.
process.stderr.isTTY = true;
