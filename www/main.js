// Placeholder page of the foundation: loads the module and says so (the page issue replaces it).
import init, { version } from '../pkg/tthc.js';

await init();
document.documentElement.dataset.tthcVersion = version();
document.documentElement.dataset.tthcReady = '1';
document.getElementById('status').textContent = `Mô-đun tthc ${version()} đã sẵn sàng.`;
