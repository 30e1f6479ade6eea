import './style.css';
import './app';
import './views/work';
import './views/new-ticket';
import './views/ticket';
import './views/knowledge';
import './views/supervision';
import './views/quality';
