// Runs before every npm script: a Node older than the Lambda runtime's gets one clear line.
const required = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < required) {
  console.error(`Earshot needs Node ${required} or newer (the version its Lambda functions run on); this is Node ${process.versions.node}. See "Requirements" in README.md.`);
  process.exit(1);
}
