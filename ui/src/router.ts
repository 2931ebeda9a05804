import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import ExplorePage from './pages/ExplorePage.vue';
import { graphToExplore } from './explore/graph-link.js';


// Explore loads eagerly (it is the landing page); the others load on first visit.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/explore' },
  // Prometheus-style links (alert generatorURLs): /graph?g0.expr=…&g0.tab=1 (1 = table).
  { path: '/graph', redirect: (to) => ({ path: '/explore', query: graphToExplore(to.query) }) },
  { path: '/explore', name: 'explore', component: ExplorePage, meta: { title: 'Explore' } },
  { path: '/dashboards', name: 'dashboards', component: () => import('./pages/DashboardsPage.vue'), meta: { title: 'Dashboards' } },
  { path: '/dashboards/:id', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: 'Dashboard' } },
  { path: '/alerts', name: 'alerts', component: () => import('./pages/AlertsPage.vue'), meta: { title: 'Alerts' } },
  { path: '/rules', name: 'rules', component: () => import('./pages/RulesPage.vue'), meta: { title: 'Rules' } },
  { path: '/silences', name: 'silences', component: () => import('./pages/SilencesPage.vue'), meta: { title: 'Silences' } },
  { path: '/targets', name: 'targets', component: () => import('./pages/TargetsPage.vue'), meta: { title: 'Targets' } },
  { path: '/status', name: 'status', component: () => import('./pages/StatusPage.vue'), meta: { title: 'Status' } },
  { path: '/plugins', name: 'plugins', component: () => import('./pages/PluginsPage.vue'), meta: { title: 'Plugins' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'Not found' } },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory('/'), routes });
  router.afterEach((to) => {
    document.title = `${String(to.meta['title'] ?? 'Panoptes')} · Panoptes`;
  });
  return router;
}
