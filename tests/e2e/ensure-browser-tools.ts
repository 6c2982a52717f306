// The browser tests drive Debian's Chromium (playwright cannot download browsers here) and read
// printed PDFs with poppler's pdftotext: install whichever is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { binary: '/usr/bin/chromium', packages: ['chromium', 'fonts-dejavu-core'] },
  { binary: '/usr/bin/pdftotext', packages: ['poppler-utils'] },
].filter((tool) => !existsSync(tool.binary));

if (needed.length > 0) {
  const packages = needed.flatMap((tool) => tool.packages);
  console.log(`installing ${packages.join(', ')} for the browser tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}
