/**
 * The report's one inline script: zoom for the alert timelines. Each timeline's plot is an SVG
 * whose viewBox spans the run window in `PLOT_UNITS` units (preserveAspectRatio none, so it fills
 * the page width); zooming rewrites that viewBox's x/width and re-places the HTML tick labels.
 * Buttons (+, −, reset), the mouse wheel, drag-select on the plot, and `data-zoom-range` links
 * ("start,end" in ms) drive it. No library, no network; the CSP admits it by its sha256 only.
 */
import { createHash } from 'node:crypto';

export const PLOT_UNITS = 1000;

export const TIMELINE_ZOOM_JS = `(function(){
var U=${PLOT_UNITS};
function pad(n){return (n<10?'0':'')+n;}
function fmt(t,span){var d=new Date(t);var day=pad(d.getUTCMonth()+1)+'-'+pad(d.getUTCDate());var hm=pad(d.getUTCHours())+':'+pad(d.getUTCMinutes());return span>864e5?day+' '+hm:hm;}
var STEPS=[6e4,3e5,9e5,18e5,36e5,72e5,108e5,216e5,432e5,864e5,1728e5,6048e5];
function setup(tl){
  var s0=+tl.getAttribute('data-start'),s1=+tl.getAttribute('data-end');
  var plot=tl.querySelector('svg.timeline'),axis=tl.querySelector('.tl-axis'),out=tl.querySelector('.tl-range');
  var h=plot.viewBox.baseVal.height,v0=s0,v1=s1;
  function toU(t){return (t-s0)/Math.max(1,s1-s0)*U;}
  function apply(a,b){
    var min=6e4,full=s1-s0;
    if(b-a<min){var m=(a+b)/2;a=m-min/2;b=m+min/2;}
    if(b-a>full){a=s0;b=s1;}
    if(a<s0){b+=s0-a;a=s0;} if(b>s1){a-=b-s1;b=s1;}
    v0=a;v1=b;
    plot.setAttribute('viewBox',toU(a).toFixed(3)+' 0 '+(toU(b)-toU(a)).toFixed(3)+' '+h);
    var span=b-a,step=STEPS[STEPS.length-1];
    for(var i=0;i<STEPS.length;i++){if(span/STEPS[i]<=10){step=STEPS[i];break;}}
    axis.textContent='';
    for(var t=Math.ceil(a/step)*step;t<=b;t+=step){var el=document.createElement('span');el.textContent=fmt(t,span);el.style.left=((t-a)/span*100).toFixed(2)+'%';axis.appendChild(el);}
    out.textContent=fmt(a,2*864e5)+' \\u2192 '+fmt(b,2*864e5)+' UTC';
    tl.setAttribute('data-view',a+','+b);
  }
  function zoom(f,c){var m=c===undefined?(v0+v1)/2:c;apply(m-(m-v0)*f,m+(v1-m)*f);}
  function at(ev){var r=plot.getBoundingClientRect();return v0+(ev.clientX-r.left)/Math.max(1,r.width)*(v1-v0);}
  tl.addEventListener('click',function(ev){var b=ev.target.closest('[data-zoom]');if(!b)return;var k=b.getAttribute('data-zoom');if(k==='in')zoom(0.5);else if(k==='out')zoom(2);else apply(s0,s1);});
  plot.addEventListener('wheel',function(ev){ev.preventDefault();zoom(ev.deltaY<0?0.8:1.25,at(ev));},{passive:false});
  var sel=tl.querySelector('.tl-select'),drag;
  plot.addEventListener('mousedown',function(ev){drag={t:at(ev),x:ev.clientX};});
  window.addEventListener('mousemove',function(ev){if(!drag)return;var r=plot.getBoundingClientRect();var x0=Math.min(drag.x,ev.clientX)-r.left,x1=Math.max(drag.x,ev.clientX)-r.left;sel.style.display='block';sel.style.left=x0+'px';sel.style.width=(x1-x0)+'px';});
  window.addEventListener('mouseup',function(ev){if(!drag)return;var t=at(ev),d=drag;drag=undefined;sel.style.display='none';if(Math.abs(ev.clientX-d.x)>4)apply(Math.min(d.t,t),Math.max(d.t,t));});
  tl.zoomTo=apply;
  apply(s0,s1);
}
var tls=document.querySelectorAll('.tl');for(var i=0;i<tls.length;i++)setup(tls[i]);
document.addEventListener('click',function(ev){var a=ev.target.closest('a[data-zoom-range]');if(!a)return;var tl=document.getElementById(a.getAttribute('data-zoom-target'));if(!tl||!tl.zoomTo)return;ev.preventDefault();var r=a.getAttribute('data-zoom-range').split(',');tl.zoomTo(+r[0],+r[1]);tl.scrollIntoView({block:'nearest'});});
})();`;

/** The CSP source that admits exactly this script. */
export const TIMELINE_ZOOM_CSP = `'sha256-${createHash('sha256').update(TIMELINE_ZOOM_JS).digest('base64')}'`;
